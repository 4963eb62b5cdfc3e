import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  chooseProvider,
  defaultModelsDir,
  detectFfmpegCapabilities,
  type ExecutionProvider,
  probeProviders,
  resolveFfmpegBinaries,
  runFfmpeg,
  parseVersionBanner,
  verifyModelFiles,
  type CapabilityName,
  type ModelFileStatus,
} from '@kirinuki/pipeline';
import { inspectDatabase, openDatabase, type DatabaseHealth } from '@kirinuki/db';
import { LIBRARY_DATABASE, type LibraryDatabase } from '../library-db/library-database.js';
import { ALL_DATABASES } from './app-databases.js';
import { openLibrarySecrets } from '../secrets/secret-store.js';
import { readSettings } from '../library/settings-repository.js';
import { SETTING_DEFAULTS, type Settings } from '@kirinuki/contracts';

const execFileAsync = promisify(execFile);

export interface DoctorReport {
  ffmpeg: { path: string; source: string; version: string; capabilities: Record<CapabilityName, boolean> };
  ffprobe: { path: string; source: string; version: string };
  onnxruntime: { version: string; providers: string[]; failures: Record<string, string> };
  /** What transcription runs on with this library's settings. */
  asr: {
    backend: string;
    /** The local Whisper model and the language it writes (the settings). */
    model: string;
    language: string;
    /** The execution provider local Whisper opens with, and why. */
    provider: string;
    reason: string;
    /** Intra-op threads (0: ONNX Runtime's choice, every core). */
    threads: number;
  };
  gpu: { name: string; driverVersion: string; memoryMiB: number }[] | null;
  models: ModelFileStatus[];
  library: { path: string; writable: boolean };
  databases: DatabaseHealth[];
  /** Where the CLI keeps secrets (platform tokens, the OpenAI key): the OS keyring, or the encrypted file and why. */
  secrets: { kind: 'os-keyring' | 'encrypted-file'; reason: string };
}

/** What `nvidia-smi` reports, or null when there is no NVIDIA driver. */
export async function queryNvidiaGpus(): Promise<DoctorReport['gpu']> {
  try {
    const { stdout } = await execFileAsync(
      'nvidia-smi',
      ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 10_000 },
    );
    const gpus = stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name = '', driverVersion = '', memory = '0'] = line.split(',').map((s) => s.trim());
        return { name, driverVersion, memoryMiB: Number(memory) };
      });
    return gpus.length ? gpus : null;
  } catch {
    return null;
  }
}

/** What transcription runs on, from the providers that load here and the library's settings. */
export function asrRuntime(
  loaded: readonly string[],
  settings: Pick<Settings, 'asrBackend' | 'asrModel' | 'asrLanguage' | 'forceCpu' | 'threads'>,
): DoctorReport['asr'] {
  const choice = chooseProvider(process.platform, loaded as ExecutionProvider[], {
    forceCpu: settings.forceCpu,
  });
  return {
    backend: settings.asrBackend,
    model: settings.asrModel,
    language: settings.asrLanguage,
    provider: choice.provider,
    reason: choice.reason,
    threads: settings.threads,
  };
}

export function isWritableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function runDoctor(libraryDir: string): Promise<DoctorReport> {
  const bins = resolveFfmpegBinaries();
  const modelsDir = defaultModelsDir();
  const writable = isWritableDir(libraryDir);
  const [caps, ffprobeVersion, onnx, gpu, models, databases] = await Promise.all([
    detectFfmpegCapabilities(bins.ffmpeg.path),
    runFfmpeg({ bin: bins.ffprobe.path, args: ['-version'] }).then((r) =>
      parseVersionBanner(r.stdout.toString()),
    ),
    probeProviders(path.join(modelsDir, 'ort-probe.onnx')),
    queryNvidiaGpus(),
    verifyModelFiles(modelsDir),
    writable ? inspectAllDatabases(libraryDir) : Promise.resolve([]),
  ]);
  // After the databases are inspected (and migrated): two openers at once would race the migration.
  const settings = writable ? await settingsOf(libraryDir) : SETTING_DEFAULTS;
  const asr = asrRuntime(onnx.loaded, settings);
  return {
    ffmpeg: {
      path: bins.ffmpeg.path,
      source: bins.ffmpeg.source,
      version: caps.version,
      capabilities: caps.capabilities,
    },
    ffprobe: { path: bins.ffprobe.path, source: bins.ffprobe.source, version: ffprobeVersion },
    onnxruntime: { version: onnx.version, providers: onnx.loaded, failures: onnx.failures },
    asr,
    gpu,
    models,
    library: { path: libraryDir, writable },
    databases,
    secrets: (({ kind, reason }) => ({ kind, reason }))(openLibrarySecrets(libraryDir)),
  };
}

async function settingsOf(libraryDir: string) {
  const opened = await openDatabase<LibraryDatabase>(LIBRARY_DATABASE, libraryDir);
  try {
    return await readSettings(opened.db);
  } finally {
    await opened.close();
  }
}

async function inspectAllDatabases(libraryDir: string): Promise<DatabaseHealth[]> {
  const results: DatabaseHealth[] = [];
  for (const definition of ALL_DATABASES) {
    const opened = await openDatabase<unknown>(definition, libraryDir);
    try {
      results.push(await inspectDatabase(opened));
    } finally {
      await opened.close();
    }
  }
  return results;
}

export function formatDoctorReport(report: DoctorReport): string {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const caps = Object.entries(report.ffmpeg.capabilities)
    .map(([k, v]) => `${k} ${yes(v)}`)
    .join(', ');
  const lines = [
    `ffmpeg      ${report.ffmpeg.version} (${report.ffmpeg.source}) ${report.ffmpeg.path}`,
    `            ${caps}`,
    `ffprobe     ${report.ffprobe.version} (${report.ffprobe.source})`,
    `onnxruntime ${report.onnxruntime.version}; providers that load: ${report.onnxruntime.providers.join(', ') || 'none'}`,
    `asr         ${report.asr.backend} backend; local Whisper on ${report.asr.provider} (${report.asr.reason}), ${report.asr.threads || 'all'} threads`,
    `gpu         ${report.gpu ? report.gpu.map((g) => `${g.name} (${g.memoryMiB} MiB, driver ${g.driverVersion})`).join('; ') : 'none found (nvidia-smi)'}`,
    `library     ${report.library.path} (${report.library.writable ? 'writable' : 'NOT writable'})`,
    ...report.models.map(
      (m) =>
        `model       ${m.model}: ${path.basename(m.path)} ${m.present ? `${m.size} bytes, sha256 ${m.sha256Ok ? 'ok' : 'MISMATCH'}` : 'MISSING'}`,
    ),
    ...report.databases.map(
      (d) =>
        `database    ${d.name}: ${d.migrationsApplied.length} migrations, integrity ${d.integrity} (${d.path})`,
    ),
    `secrets     ${report.secrets.kind === 'os-keyring' ? 'the OS keyring' : 'encrypted file in <library>/secrets'} (${report.secrets.reason})`,
  ];
  return lines.join('\n');
}
