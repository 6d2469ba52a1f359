// Starts the reference server as a real process on 127.0.0.1 (a free port) and stops it.
import { spawn } from 'node:child_process';

// `prefix`: a command that runs the server, e.g. ['prlimit', '--nofile=1024:1024', '--'].
export async function startServer(binary, args, { prefix = [] } = {}) {
  const command = [...prefix, binary, '--port', '0', ...args];
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  process.on('exit', () => child.kill('SIGKILL'));  // a test that fails half-way leaves no server behind
  const log = [];
  const port = await new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('server did not start in 10 s:\n' + log.join('\n'))), 10000);
    child.stderr.on('data', (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        log.push(line);
        try {
          const event = JSON.parse(line);
          if (event.msg === 'listening') { clearTimeout(timer); resolve(event.port); }
        } catch { /* not JSON: keep it in the log */ }
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${log.join('\n')}`)); });
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    exited,  // resolves with { code, signal } when the process ends, for whatever reason
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}
