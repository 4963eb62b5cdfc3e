// ONNX Runtime's STFT runs a direct DFT per frame: ~45 µs for each 400-sample frame here, 49 ms of
// tiny.en's ~370 ms on an 11 s clip and ~130 ms of a full 30 s window. The same numbers are one
// convolution whose kernels are the window-weighted DFT basis, which onnxruntime runs as a
// matrix product (~10 ms for the 11 s clip).
import {
  constantValues,
  encodeInitializer,
  encodeNode,
  nodeIntAttribute,
  type OnnxNode,
} from './onnx-proto.js';

/**
 * Nodes (and the initializers they read) that compute `stft`'s output, [batch, frames, bins, 2],
 * as Unsqueeze → Conv → Reshape → Transpose; `unused` are the constants only the STFT read. Only a real, one-sided STFT of a [batch, length]
 * signal with a constant step, window and frame length is rewritten (Whisper's log-mel front).
 */
export function stftAsConvolution(
  bytes: Uint8Array,
  nodes: readonly OnnxNode[],
  stft: OnnxNode,
): { nodes: Buffer[]; initializers: Buffer[]; unused: OnnxNode[] } {
  const constants: OnnxNode[] = [];
  const constant = (name: string | undefined) => {
    const node = nodes.find((n) => n.opType === 'Constant' && n.outputs[0] === name);
    if (!node) throw new Error(`STFT input ${name ?? '(none)'} is not a constant`);
    constants.push(node);
    return constantValues(bytes, node);
  };
  const [signal, stepName, windowName, lengthName] = stft.inputs;
  const output = stft.outputs[0];
  if (!signal || !output) throw new Error('STFT node without its signal or output');
  if ((nodeIntAttribute(bytes, stft, 'onesided') ?? 1) !== 1) throw new Error('STFT is not one-sided');
  const [step] = constant(stepName);
  const window = constant(windowName);
  const [length] = lengthName ? constant(lengthName) : [window.length];
  if (!step || length !== window.length)
    throw new Error(`STFT of ${length}-sample frames with a ${window.length}-sample window`);

  const bins = Math.floor(length / 2) + 1;
  const basis = dftBasis(window, bins);
  const name = (part: string) => `${stft.name || output}/as_conv/${part}`;
  // The step, window and length constants go with the STFT unless another node reads them.
  const readElsewhere = new Set(nodes.filter((n) => n !== stft).flatMap((n) => n.inputs));
  return {
    unused: constants.filter((c) => !readElsewhere.has(c.outputs[0]!)),
    initializers: [
      encodeInitializer(name('basis'), [2 * bins, 1, length], basis),
      encodeInitializer(name('channel_axis'), [1], BigInt64Array.of(1n)),
      encodeInitializer(name('re_im_bins_frames'), [4], BigInt64Array.of(0n, 2n, BigInt(bins), -1n)),
    ],
    nodes: [
      encodeNode({
        opType: 'Unsqueeze',
        name: name('unsqueeze'),
        inputs: [signal, name('channel_axis')],
        outputs: [name('signal')],
      }),
      encodeNode({
        opType: 'Conv',
        name: name('conv'),
        inputs: [name('signal'), name('basis')],
        outputs: [name('spectrum')],
        ints: { kernel_shape: [length], strides: [step] },
      }),
      encodeNode({
        opType: 'Reshape',
        name: name('reshape'),
        inputs: [name('spectrum'), name('re_im_bins_frames')],
        outputs: [name('re_im')],
      }),
      encodeNode({
        opType: 'Transpose',
        name: name('transpose'),
        inputs: [name('re_im')],
        outputs: [output],
        ints: { perm: [0, 3, 2, 1] },
      }),
    ],
  };
}

/**
 * Kernels [2·bins, 1, length]: first the real parts w[n]·cos(2πkn/N), then the imaginary parts
 * −w[n]·sin(2πkn/N) (ONNX's DFT sign). kn is reduced mod N first, so every angle is exact.
 */
export function dftBasis(window: readonly number[], bins: number): Float32Array {
  const n = window.length;
  const basis = new Float32Array(2 * bins * n);
  for (let k = 0; k < bins; k++) {
    for (let i = 0; i < n; i++) {
      const angle = (2 * Math.PI * ((k * i) % n)) / n;
      basis[k * n + i] = window[i]! * Math.cos(angle);
      basis[(bins + k) * n + i] = -window[i]! * Math.sin(angle);
    }
  }
  return basis;
}
