import { describe, expect, it } from 'vitest';
import { lessons } from '../../../lessons/index.js';
import { pythonProgram } from './python-program.js';

describe('a step’s pythonCode as a program', () => {
  it('gets the course’s connection when it takes `r` as given', () => {
    expect(pythonProgram('print(r.get("mykey"))', 0)).toBe('import redis\n\nr = redis.Redis(host="localhost", port=6379)\n\nprint(r.get("mykey"))\n');
  });

  it('connects in the lesson’s database', () => {
    expect(pythonProgram('r.ping()', 3)).toContain('r = redis.Redis(host="localhost", port=6379, db=3)');
  });

  it('runs code that makes its own client as written', () => {
    const code = 'import redis\n\nr = redis.Redis(host="localhost", port=6379, db=0)\nprint(r.ping())';
    expect(pythonProgram(code, 0)).toBe(code);
  });

  it('gives every lesson step’s code an `r`', () => {
    for (const lesson of lessons)
      for (const step of lesson.steps)
        if (step.pythonCode && /\br\./.test(step.pythonCode)) expect(pythonProgram(step.pythonCode, lesson.db ?? 0)).toMatch(/^\s*r\s*=/m);
  });
});
