// A journey test's screenshots: the folder emptied of this test's earlier pictures first, so that
// what a reviewer looks at is this run's (a step renumbered since would otherwise leave a stale
// kiosk-13-slot-full.png beside the new kiosk-14-slot-full.png). The TV and web journeys share the
// folder: each removes only the names it writes (its surfaces' prefixes).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function freshOutputDir(dir, prefixes) {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir))
    if (name.endsWith('.png') && prefixes.some((p) => name.startsWith(p + '-'))) rmSync(join(dir, name));
}
