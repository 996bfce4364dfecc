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

  it('imports redis for code that connects by itself but does not import it', () => {
    const code = 'r = redis.Redis(db=1)\nprint(r.ping())';
    expect(pythonProgram(code, 1)).toBe(`import redis\n\n${code}\n`);
    const watch = 'r = redis.Redis()\ntry:\n    pass\nexcept redis.WatchError:\n    pass';
    expect(pythonProgram(watch, 0)).toBe(`import redis\n\n${watch}\n`);
  });

  it('adds no import when the code imports redis in any form that binds the name', () => {
    for (const imports of ['import redis', 'import os, redis', 'import redis  # redis-py', 'import redis.asyncio', 'import json, redis.asyncio'])
      expect(pythonProgram(`${imports}\n\nr = redis.Redis()`, 0)).toBe(`${imports}\n\nr = redis.Redis()`);
  });

  it('imports redis when the code imports only something from it or under another name', () => {
    for (const imports of ['import redis.asyncio as aioredis', 'from redis import WatchError', 'import aioredis'])
      expect(pythonProgram(`${imports}\n\nr = redis.Redis()`, 0)).toMatch(/^import redis\n\n/);
  });

  it('leaves a connecting program alone when it never names the module', () => {
    const code = 'import aioredis\n\nr = aioredis.Redis()';
    expect(pythonProgram(code, 0)).toBe(code);
  });

  it('gives every lesson step’s program the redis module it names', () => {
    for (const lesson of lessons)
      for (const step of lesson.steps)
        if (step.pythonCode && /(?<![\w.])redis\./.test(step.pythonCode))
          expect(pythonProgram(step.pythonCode, lesson.db ?? 0)).toMatch(/^\s*import (\w+, )*redis\b/m);
  });

  it('gives every lesson step’s code an `r`', () => {
    for (const lesson of lessons)
      for (const step of lesson.steps)
        if (step.pythonCode && /\br\./.test(step.pythonCode)) expect(pythonProgram(step.pythonCode, lesson.db ?? 0)).toMatch(/^\s*r\s*=/m);
  });
});
