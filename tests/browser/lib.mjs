// lib.mjs -- what the browser and HTTP tests share: start `hoso serve` on
// a free loopback port, stop it with SIGTERM (checking it exits cleanly),
// raw HTTP for malformed requests, and launching Debian's chromium.
import { spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(new URL('.', import.meta.url).pathname, '../..');
export const ARTIFACTS = path.join(ROOT, 'build/artifacts');

// Start `hoso serve`; resolves { url, proc, stderr() } once it prints its URL.
export function startServer({ bin, db, token = null, extra = [] }) {
  const args = ['serve', '--listen', '127.0.0.1:0', '--db', db, ...extra];
  if (token) {
    const tf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-tok-')), 'token');
    fs.writeFileSync(tf, token + '\n', { mode: 0o600 });
    args.push('--token-file', tf);
  }
  const proc = spawn(bin, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  proc.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('server did not start: ' + err)); }, 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve({ url: m[1], proc, stderr: () => err, stdout: () => out }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${err}`)); });
  });
}

// SIGTERM; resolves { code, stdout, stderr } when it has exited.
export function stopServer(s, timeoutMs = 40000) {
  return new Promise((resolve, reject) => {
    if (s.proc.exitCode !== null) { resolve({ code: s.proc.exitCode, stdout: s.stdout(), stderr: s.stderr() }); return; }
    const timer = setTimeout(() => { s.proc.kill('SIGKILL'); reject(new Error('server did not stop on SIGTERM')); }, timeoutMs);
    s.proc.removeAllListeners('exit');
    s.proc.on('exit', (code, sig) => { clearTimeout(timer); resolve({ code, sig, stdout: s.stdout(), stderr: s.stderr() }); });
    s.proc.kill('SIGTERM');
  });
}

// Send raw bytes, resolve with everything the server sent before closing
// (or after idleMs of silence).
export function rawHttp(url, bytes, { idleMs = 3000 } = {}) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect(Number(u.port), u.hostname);
    let got = Buffer.alloc(0);
    let timer = setTimeout(() => sock.destroy(), idleMs);
    sock.on('data', (d) => { got = Buffer.concat([got, d]); clearTimeout(timer); timer = setTimeout(() => sock.destroy(), 300); });
    sock.on('error', () => {});
    sock.on('close', () => { clearTimeout(timer); resolve(got.toString('latin1')); });
    sock.write(bytes);
  });
}

export function statusOf(raw) {
  const m = raw.match(/^HTTP\/1\.[01] (\d{3})/);
  return m ? Number(m[1]) : 0;
}

export async function getJson(url, opts) {
  const r = await fetch(url, opts);
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, headers: r.headers, text, json };
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'hoso-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
  });
  return { ctx, profile, close: async () => { await ctx.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
}
