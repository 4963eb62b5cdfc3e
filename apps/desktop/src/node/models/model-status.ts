import { isDownloadable, readModelManifest, verifyModelFiles } from '@kirinuki/pipeline';
import { isLocalWhisperModel } from '@kirinuki/pipeline/asr/whisper-catalog';

export interface ModelStatus {
  id: string;
  description: string;
  license: string;
  languages: string[];
  format: string;
  /** A Whisper model local transcription can use (Settings offers these). */
  transcription: boolean;
  sizeBytes: number;
  /** Every file present with its sha256 as recorded. */
  ready: boolean;
  /** `kirinuki models download` can fetch it (else it is bundled or prepared on first use). */
  downloadable: boolean;
}

/** The models of the manifest and whether each is ready here (`models list`, the settings screen). */
export async function listModelStatus(modelsDir: string): Promise<ModelStatus[]> {
  const statuses = await verifyModelFiles(modelsDir, undefined, {
    includeUnprepared: true,
    trustVerified: true,
  });
  return readModelManifest(modelsDir).models.map((m) => {
    const files = statuses.filter((s) => s.model === m.id);
    return {
      id: m.id,
      description: m.description,
      license: m.license,
      languages: m.languages ?? [],
      format: m.format ?? 'onnx',
      transcription: isLocalWhisperModel(m),
      sizeBytes: m.files.reduce((sum, f) => sum + f.size, 0),
      ready: files.every((f) => f.present && f.sha256Ok),
      downloadable: isDownloadable(m),
    };
  });
}
