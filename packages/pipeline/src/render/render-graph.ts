import type { CropPlan } from '../reframe/crop-plan.js';
import { axisExpression, segmentsEnableExpression } from '../reframe/crop-expression.js';
import { escapeFilterValue } from './filter-escape.js';

export interface RenderGraphInput {
  plan: CropPlan;
  output: { width: number; height: number };
  fps: { value: number; expr: string };
  /** ASS file and fonts folder, or null for no captions. */
  captions: { assPath: string; fontsDir: string } | null;
  /** Audio filter after the source audio (e.g. second-pass loudnorm), or null to pass it through. */
  audioFilter: string | null;
  /** The source has audio; else silence comes from input 1. */
  hasAudio: boolean;
  pixFmt: string;
}

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** The whole picture scaled to fit the output over a blurred, zoomed copy of itself. */
function fitChains(
  input: string,
  label: string,
  plan: CropPlan,
  out: { width: number; height: number },
): string[] {
  const { width: W, height: H } = out;
  const scale = Math.min(W / plan.source.width, H / plan.source.height);
  const fw = even(plan.source.width * scale);
  const fh = even(plan.source.height * scale);
  const bw = even(W / 8);
  const bh = even(H / 8);
  // Blur at 1/8 size: the same look for a fraction of the cost of blurring the full frame.
  return [
    `[${input}]split[fitbg][fitfg]`,
    `[fitbg]scale=${bw}:${bh}:force_original_aspect_ratio=increase,crop=${bw}:${bh},boxblur=6:2,scale=${W}:${H},setsar=1[fitblur]`,
    `[fitfg]scale=${fw}:${fh},setsar=1[fitpic]`,
    `[fitblur][fitpic]overlay=x=${(W - fw) / 2}:y=${(H - fh) / 2}[${label}]`,
  ];
}

function cropChain(input: string, label: string, graph: RenderGraphInput): string {
  const { plan, output, fps } = graph;
  const x = escapeFilterValue(axisExpression(plan.segments, 'x', fps.value));
  const y = escapeFilterValue(axisExpression(plan.segments, 'y', fps.value));
  return `[${input}]crop=w=${plan.crop.width}:h=${plan.crop.height}:x=${x}:y=${y},scale=${output.width}:${output.height}:flags=bicubic,setsar=1[${label}]`;
}

/**
 * The filtergraph of the render pass: constant frame rate, the planned crop (or a blurred fit
 * where a shot has nobody to follow), captions burnt in with the bundled font, audio at 48 kHz.
 */
export function buildRenderGraph(graph: RenderGraphInput): string {
  const kinds = new Set(graph.plan.segments.map((s) => s.kind));
  const needsFit = kinds.has('fit');
  const needsCrop = kinds.has('track') || kinds.has('center');
  const chains: string[] = [];
  if (needsFit && needsCrop) {
    chains.push(`[0:v]fps=${graph.fps.expr},split[forfit][forcrop]`);
    chains.push(...fitChains('forfit', 'fitted', graph.plan, graph.output));
    chains.push(cropChain('forcrop', 'cropped', graph));
    const enable = escapeFilterValue(segmentsEnableExpression(graph.plan, ['track', 'center']));
    chains.push(`[fitted][cropped]overlay=x=0:y=0:enable=${enable}[framed]`);
  } else if (needsFit) {
    chains.push(
      `[0:v]fps=${graph.fps.expr}[forfit]`,
      ...fitChains('forfit', 'framed', graph.plan, graph.output),
    );
  } else {
    chains.push(`[0:v]fps=${graph.fps.expr}[forcrop]`, cropChain('forcrop', 'framed', graph));
  }
  const subtitles = graph.captions
    ? `ass=filename=${escapeFilterValue(graph.captions.assPath)}:fontsdir=${escapeFilterValue(graph.captions.fontsDir)},`
    : '';
  chains.push(`[framed]${subtitles}format=${graph.pixFmt}[vout]`);
  const audioIn = graph.hasAudio ? '[0:a]' : '[1:a]';
  const audio = [
    graph.hasAudio ? graph.audioFilter : null,
    'aresample=48000',
    'aformat=sample_fmts=fltp:channel_layouts=stereo',
  ]
    .filter(Boolean)
    .join(',');
  chains.push(`${audioIn}${audio}[aout]`);
  return chains.join(';\n');
}
