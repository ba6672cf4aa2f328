// Finding the tools the tests need (test/support/debian.ts): Chromium and nginx are looked for at their variable,
// then the usual paths, then on PATH, before `npm test` installs them or says in one line how to get them.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {ensureTool, onPath} from '../support/debian.js';

/** A directory with an executable `name`, a non-executable `plain` and a directory called `folder`. */
function toolDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cr-tools-'));
  writeFileSync(join(dir, name), '#!/bin/sh\n');
  chmodSync(join(dir, name), 0o755);
  writeFileSync(join(dir, 'plain'), '');
  chmodSync(join(dir, 'plain'), 0o644);
  mkdirSync(join(dir, 'folder'));
  return dir;
}

describe('finding a test tool', () => {
  test('onPath: the first command that is an executable file, in PATH order; never a plain file or a directory', () => {
    const first = toolDir('fake-browser');
    const second = toolDir('other-browser');
    try {
      const path = ['/nonexistent-dir', first, second].join(delimiter);
      assert.equal(onPath(['fake-browser'], path), join(first, 'fake-browser'));
      assert.equal(onPath(['missing', 'other-browser', 'fake-browser'], path), join(second, 'other-browser'), 'commands in their order');
      assert.equal(onPath(['plain'], path), undefined, 'not executable (no execute bit, even for root)');
      assert.equal(onPath(['folder'], path), undefined, 'a directory');
      assert.equal(onPath(['fake-browser'], ''), undefined, 'an empty PATH');
    } finally {
      rmSync(first, {recursive: true, force: true});
      rmSync(second, {recursive: true, force: true});
    }
  });

  test('ensureTool: found on PATH when no usual path has it; its variable, when set, is the only place tried', () => {
    const dir = toolDir('fake-tool');
    const savedPath = process.env.PATH;
    try {
      process.env.PATH = [dir, savedPath].join(delimiter);
      const tool = {envVar: 'CR_TEST_FAKE_TOOL', paths: ['/nonexistent/fake-tool'], commands: ['fake-tool'], pkg: 'fake-tool', hint: 'get fake-tool'};
      assert.equal(ensureTool(tool), join(dir, 'fake-tool'));
      process.env.CR_TEST_FAKE_TOOL = '/nonexistent/elsewhere';
      assert.throws(() => ensureTool(tool), {message: 'get fake-tool'}, 'a variable naming nothing: the one-line hint');
    } finally {
      process.env.PATH = savedPath;
      delete process.env.CR_TEST_FAKE_TOOL;
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
