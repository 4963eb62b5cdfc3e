import {
  encodeMessageField,
  encodeStringField,
  encodeVarintField,
  messageFieldHeader,
  packedInt64s,
  payloadOf,
  readWireFields,
  stringOf,
  stringsOf,
  type WireField,
} from './protobuf-wire.js';

/** Field numbers of onnx.proto that the model surgery touches. */
export const ONNX = {
  model: { graph: 7, opsetImport: 8 },
  opset: { domain: 1 },
  graph: { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13 },
  node: { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 },
  attribute: { name: 1, i: 3, s: 4, t: 5, ints: 8, type: 20 },
  tensor: { dims: 1, dataType: 2, floatData: 4, int64Data: 7, name: 8, rawData: 9 },
  valueInfo: { name: 1, type: 2 },
} as const;

/** onnx TensorProto.DataType values used here. */
export const ONNX_DTYPE = { float: 1, int32: 6, int64: 7, string: 8 } as const;

/** A NodeProto read from the bytes, with the field list kept so it can be rewritten. */
export interface OnnxNode {
  field: WireField;
  opType: string;
  name: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  fields: WireField[];
}

export function readNode(bytes: Uint8Array, field: WireField): OnnxNode {
  const fields = readWireFields(bytes, field.payloadStart, field.end);
  const one = (n: number) => stringsOf(bytes, fields, n)[0] ?? '';
  return {
    field,
    opType: one(ONNX.node.opType),
    name: one(ONNX.node.name),
    domain: one(ONNX.node.domain),
    inputs: stringsOf(bytes, fields, ONNX.node.input),
    outputs: stringsOf(bytes, fields, ONNX.node.output),
    fields,
  };
}

/** The raw value of a node's string attribute (e.g. a tokenizer vocabulary). */
export function nodeStringAttribute(bytes: Uint8Array, node: OnnxNode, name: string): Buffer | null {
  for (const attr of node.fields.filter((f) => f.field === ONNX.node.attribute)) {
    const attrFields = readWireFields(bytes, attr.payloadStart, attr.end);
    const nameField = attrFields.find((f) => f.field === ONNX.attribute.name);
    if (!nameField || stringOf(bytes, nameField) !== name) continue;
    const value = attrFields.find((f) => f.field === ONNX.attribute.s);
    return value ? Buffer.from(payloadOf(bytes, value)) : Buffer.alloc(0);
  }
  return null;
}

/** The integer value of a node's int attribute. */
export function nodeIntAttribute(bytes: Uint8Array, node: OnnxNode, name: string): number | null {
  for (const attr of node.fields.filter((f) => f.field === ONNX.node.attribute)) {
    const attrFields = readWireFields(bytes, attr.payloadStart, attr.end);
    const nameField = attrFields.find((f) => f.field === ONNX.attribute.name);
    if (!nameField || stringOf(bytes, nameField) !== name) continue;
    return attrFields.find((f) => f.field === ONNX.attribute.i)?.varint ?? null;
  }
  return null;
}

/**
 * The node with its input and output lists replaced; every other field (attributes, subgraphs) is
 * copied byte for byte. Each list goes where its first entry was, so field order stays conventional.
 */
export function encodeNodeWithIo(
  bytes: Uint8Array,
  node: OnnxNode,
  inputs: readonly string[],
  outputs: readonly string[],
): Buffer {
  const parts: Uint8Array[] = [];
  const placed = new Set<number>();
  const place = (field: number, names: readonly string[]) => {
    if (placed.has(field)) return;
    placed.add(field);
    for (const name of names) parts.push(encodeStringField(field, name));
  };
  for (const f of node.fields) {
    if (f.field === ONNX.node.input) place(f.field, inputs);
    else if (f.field === ONNX.node.output) place(f.field, outputs);
    else parts.push(bytes.subarray(f.start, f.end));
  }
  place(ONNX.node.input, inputs);
  place(ONNX.node.output, outputs);
  return encodeMessageField(ONNX.graph.node, parts);
}

/** A ValueInfoProto field (graph input or output) for a tensor; a string dim is symbolic. */
export function encodeTensorValueInfo(
  graphField: number,
  name: string,
  elemType: number,
  dims: ReadonlyArray<number | string>,
): Buffer {
  const dimFields = dims.map((d) =>
    encodeMessageField(1, [typeof d === 'number' ? encodeVarintField(1, d) : encodeStringField(2, d)]),
  );
  const shape = encodeMessageField(2, dimFields);
  const tensorType = encodeMessageField(1, [encodeVarintField(1, elemType), shape]);
  const type = encodeMessageField(ONNX.valueInfo.type, [tensorType]);
  return encodeMessageField(graphField, [encodeStringField(ONNX.valueInfo.name, name), type]);
}

/** The name of a graph input/output (ValueInfoProto). */
export function valueInfoName(bytes: Uint8Array, field: WireField): string {
  return stringsOf(bytes, readWireFields(bytes, field.payloadStart, field.end), ONNX.valueInfo.name)[0] ?? '';
}

/**
 * The model with one more graph output: a value computed inside the graph (e.g. to compare an
 * intermediate result with our own). Everything else is copied byte for byte.
 */
export function withGraphOutput(
  model: Uint8Array,
  name: string,
  elemType: number,
  dims: ReadonlyArray<number | string>,
): Buffer {
  const modelFields = readWireFields(model);
  const parts: Uint8Array[] = [];
  for (const f of modelFields) {
    if (f.field !== ONNX.model.graph) {
      parts.push(model.subarray(f.start, f.end));
      continue;
    }
    const graphFields = readWireFields(model, f.payloadStart, f.end);
    const graphParts = graphFields.map((g) => model.subarray(g.start, g.end));
    graphParts.push(encodeTensorValueInfo(ONNX.graph.output, name, elemType, dims));
    parts.push(encodeMessageField(ONNX.model.graph, graphParts));
  }
  return Buffer.concat(parts);
}

/**
 * The model with only the named graph outputs. An output nobody fetches still holds its memory
 * until the run ends (a transformers.js Whisper encoder's attention weights: ~380 MB a window for
 * base); once it is no output, onnxruntime frees it as soon as it is used.
 */
export function withOnlyGraphOutputs(model: Uint8Array, keep: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let dropped = 0;
  for (const f of readWireFields(model)) {
    if (f.field !== ONNX.model.graph) {
      parts.push(model.subarray(f.start, f.end));
      continue;
    }
    const graphFields = readWireFields(model, f.payloadStart, f.end);
    const kept = graphFields.filter(
      (g) => g.field !== ONNX.graph.output || keep.includes(valueInfoName(model, g)),
    );
    dropped += graphFields.length - kept.length;
    const graphParts = kept.map((g) => model.subarray(g.start, g.end));
    const length = graphParts.reduce((sum, p) => sum + p.length, 0);
    parts.push(messageFieldHeader(ONNX.model.graph, length), ...graphParts);
  }
  // Nothing to drop: the bytes as they are (a large model is not copied for nothing).
  return dropped ? Buffer.concat(parts) : model; // one copy: the weights are most of a model's bytes
}

/** AttributeProto.AttributeType values used here. */
const ATTRIBUTE_TYPE = { ints: 7 } as const;

/** A NodeProto field for a new node; `ints` are its integer-list attributes (e.g. strides). */
export function encodeNode(node: {
  opType: string;
  name: string;
  inputs: readonly string[];
  outputs: readonly string[];
  ints?: Record<string, readonly number[]>;
}): Buffer {
  const attributes = Object.entries(node.ints ?? {}).map(([name, values]) =>
    encodeMessageField(ONNX.node.attribute, [
      encodeStringField(ONNX.attribute.name, name),
      ...values.map((v) => encodeVarintField(ONNX.attribute.ints, v)),
      encodeVarintField(ONNX.attribute.type, ATTRIBUTE_TYPE.ints),
    ]),
  );
  return encodeMessageField(ONNX.graph.node, [
    ...node.inputs.map((i) => encodeStringField(ONNX.node.input, i)),
    ...node.outputs.map((o) => encodeStringField(ONNX.node.output, o)),
    encodeStringField(ONNX.node.name, node.name),
    encodeStringField(ONNX.node.opType, node.opType),
    ...attributes,
  ]);
}

/** A graph initializer (TensorProto) of float32 or int64 values, stored as raw little-endian data. */
export function encodeInitializer(
  name: string,
  dims: readonly number[],
  values: Float32Array | BigInt64Array,
): Buffer {
  const dtype = values instanceof Float32Array ? ONNX_DTYPE.float : ONNX_DTYPE.int64;
  return encodeMessageField(ONNX.graph.initializer, [
    ...dims.map((d) => encodeVarintField(ONNX.tensor.dims, d)),
    encodeVarintField(ONNX.tensor.dataType, dtype),
    encodeStringField(ONNX.tensor.name, name),
    encodeMessageField(ONNX.tensor.rawData, [
      new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    ]),
  ]);
}

/** The values of a Constant node holding a float32 or int64 tensor (its `value` attribute). */
export function constantValues(bytes: Uint8Array, node: OnnxNode): number[] {
  for (const attr of node.fields.filter((f) => f.field === ONNX.node.attribute)) {
    const attrFields = readWireFields(bytes, attr.payloadStart, attr.end);
    const tensor = attrFields.find((f) => f.field === ONNX.attribute.t);
    if (!tensor) continue;
    const fields = readWireFields(bytes, tensor.payloadStart, tensor.end);
    const dtype = fields.find((f) => f.field === ONNX.tensor.dataType)?.varint;
    const raw = fields.find((f) => f.field === ONNX.tensor.rawData);
    if (raw) {
      const data = Uint8Array.from(payloadOf(bytes, raw)); // aligned copy
      if (dtype === ONNX_DTYPE.float) return Array.from(new Float32Array(data.buffer));
      if (dtype === ONNX_DTYPE.int64) return Array.from(new BigInt64Array(data.buffer), Number);
    }
    const packed = (field: number) => fields.filter((f) => f.field === field);
    if (dtype === ONNX_DTYPE.float)
      return packed(ONNX.tensor.floatData).flatMap((f) =>
        Array.from(new Float32Array(Uint8Array.from(payloadOf(bytes, f)).buffer)),
      );
    if (dtype === ONNX_DTYPE.int64)
      return packed(ONNX.tensor.int64Data).flatMap((f) =>
        f.wireType === 0 ? [f.varint] : packedInt64s(payloadOf(bytes, f)),
      );
  }
  throw new Error(`${node.opType} node ${node.name || node.outputs[0]} holds no float or int64 tensor`);
}
