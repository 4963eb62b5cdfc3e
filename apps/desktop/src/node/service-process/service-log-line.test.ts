import { describe, expect, it } from 'vitest';
import { parseServiceLogLine, type ServiceLogLine } from './service-log-line.js';

describe('parseServiceLogLine', () => {
  const cases: Array<[string, string, ServiceLogLine | null]> = [
    [
      'pino line with correlation id',
      '{"level":30,"time":1,"pid":9,"hostname":"h","name":"asr","correlationId":"job-1","msg":"hi","step":2}',
      { level: 'info', msg: 'hi', correlationId: 'job-1', fields: { step: 2 } },
    ],
    [
      'error level, no message',
      '{"level":50,"err":{"message":"x"}}',
      {
        level: 'error',
        msg: '',
        correlationId: undefined,
        fields: { err: { message: 'x' } },
      },
    ],
    ['crash trace', 'Error: boom', null],
    ['broken JSON', '{"level":30', null],
    ['JSON without a pino level', '{"level":"info"}', null],
    ['unknown numeric level', '{"level":35}', null],
  ];
  it.each(cases)('%s', (_name, line, expected) => {
    expect(parseServiceLogLine(line)).toEqual(expected);
  });
});
