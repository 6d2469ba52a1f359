#!/usr/bin/python3
"""Turns the assembled kiosk site into one a browser can keep (ARCHITECTURE.md, "Web shell: caching").

    stamp_site.py SRC OUT [--build-id ID] [--cache DIR]

SRC is the site as the build assembles it (build/wasm/site-src: index.html, kiosk.js, kiosk.wasm,
kiosk-shell.js, sw.js, assets/, staff/ ...); OUT (build/wasm/site) is written anew:

- the app's files get their content's name, `name.<16 hex digits of SHA-256>.ext`: every top-level
  .js and .css but sw.js, kiosk.wasm, the fonts (assets/fonts/*.ttf), the string catalogues and the
  keymaps. The server sends such names with `immutable` caching;
- what refers to them is rewritten: src= / href= in the top-level pages, the font tiers in
  assets/fonts/index.json (which keeps its name: the app asks for it by that name), and the line
  `const BUILD = ...;` in kiosk-shell.js (the version and the map of names; the shell gives
  emscripten the wasm's name through locateFile) and in sw.js (the version, the files to keep for a
  start without the network, the font tiers);
- a small file that a page may load by its fixed name (a stylesheet, a script, a catalogue or keymap:
  the no-WebGL page loads basic-page.css and assets/strings/<lang>.json so) keeps that name too,
  sent with no-cache; only the app's own large files (kiosk.js, kiosk.wasm, the fonts), which the
  shell loads through the names it is given, and the shell itself exist under their content's name only;
- every text, wasm and font file over 1 KB gets precompressed siblings, `.br` (Brotli quality 11,
  Debian's `brotli`) and `.gz` (gzip -9 -n), when they are smaller; the server picks one per request;
- build.json says the version and the names (for tests and benchmarks; the browser never reads it).

The version is a hash of everything the browser loads (plus --build-id, which makes a different
version of the same files, as a test's "next release" does), so a build that changes nothing keeps
the version and the browsers' caches. Compressed files are kept in --cache (default SRC/../stamp-cache)
by content, so a rebuild compresses only what changed.
"""
import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BUILD_LINE = re.compile(r'^(\s*)const BUILD = .*;.*$', re.M)
COMPRESSIBLE = ('.js', '.css', '.html', '.json', '.wasm', '.ttf', '.svg', '.txt')
HASH_DIGITS = 16


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)


def hashed_name(rel, data):
    head, ext = os.path.splitext(rel)
    return f'{head}.{sha256(data)[:HASH_DIGITS]}{ext}'


def to_hash(rel):
    """Whether the file at `rel` (relative to the site, with /) is named after its content."""
    top = '/' not in rel
    name = os.path.basename(rel)
    if top:
        return (name.endswith('.js') and name != 'sw.js') or name.endswith('.css') or name == 'kiosk.wasm'
    return (rel.startswith('assets/fonts/') and name.endswith('.ttf')) or \
        (rel.startswith('assets/strings/') and name.endswith('.json')) or \
        (rel.startswith('assets/keymaps/') and name.endswith('.json'))


def only_hashed(rel):
    """The app's large files and the shell: loaded only through the names the stamp gives them. The
    base font keeps its name too: the page without WebGL (basic-page.css) draws its text with it."""
    return rel in ('kiosk.js', 'kiosk.wasm', 'kiosk-shell.js') or (rel.endswith('.ttf') and rel != 'assets/fonts/elder-cjk.ttf')


def replace_build_line(text, build, path):
    line = 'const BUILD = ' + json.dumps(build, ensure_ascii=False, separators=(',', ':')) + ';'
    new, count = BUILD_LINE.subn(lambda m: m.group(1) + line, text, count=1)
    if count != 1:
        sys.exit(f'stamp_site: {path} has no line "const BUILD = ...;" to fill in')
    return new


def compress(data, cache):
    """(brotli, gzip) bytes of `data`, from the cache when it has them."""
    key = sha256(data)
    out = []
    for ext in ('br', 'gz'):
        kept = os.path.join(cache, f'{key}.{ext}')
        if os.path.exists(kept):
            out.append(read(kept))
            continue
        if ext == 'gz':
            packed = gzip.compress(data, compresslevel=9, mtime=0)  # what gzip -9 -n makes
        else:
            brotli = shutil.which('brotli')
            if not brotli:
                sys.exit('stamp_site: the brotli command is missing (Debian package brotli; scripts/setup.sh installs it)')
            packed = subprocess.run([brotli, '-q', '11', '-c'], input=data, stdout=subprocess.PIPE, check=True).stdout
        fd, tmp = tempfile.mkstemp(dir=cache)
        with os.fdopen(fd, 'wb') as f:
            f.write(packed)
        os.replace(tmp, kept)
        out.append(packed)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('src')
    parser.add_argument('out')
    parser.add_argument('--build-id', default='')
    parser.add_argument('--cache')
    args = parser.parse_args()
    src, out = os.path.abspath(args.src), os.path.abspath(args.out)
    cache = os.path.abspath(args.cache or os.path.join(src, '..', 'stamp-cache'))
    os.makedirs(cache, exist_ok=True)
    for needed in ('index.html', 'kiosk-shell.js', 'sw.js', 'kiosk.js', 'kiosk.wasm'):
        if not os.path.exists(os.path.join(src, needed)):
            sys.exit(f'stamp_site: {src} has no {needed}: build the kiosk first')

    staging = out + '.new'
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(src, staging)
    files = []
    for root, _, names in os.walk(staging):
        for name in names:
            files.append(os.path.relpath(os.path.join(root, name), staging).replace(os.sep, '/'))
    files.sort()

    # 1. The leaves: files that name no other file (the shell is done below, once it knows the names).
    names = {}
    for rel in files:
        if to_hash(rel) and rel != 'kiosk-shell.js':
            names[rel] = hashed_name(rel, read(os.path.join(staging, rel)))
            os.rename(os.path.join(staging, rel), os.path.join(staging, names[rel]))

    # 2. The font index names the tiers by their new names (relative to assets/fonts/).
    index_path = os.path.join(staging, 'assets/fonts/index.json')
    tiers = []
    if os.path.exists(index_path):
        index = json.loads(read(index_path))
        fonts = lambda n: names.get('assets/fonts/' + n, 'assets/fonts/' + n)[len('assets/fonts/'):]
        if 'base' in index:
            index['base'] = fonts(index['base'])
        for tier in index.get('tiers', []):
            tier['file'] = fonts(tier['file'])
            tiers.append(tier['file'])
        write(index_path, json.dumps(index, ensure_ascii=False, separators=(',', ':')).encode())

    # 3. The version: everything the browser loads, and the build id.
    version_source = hashlib.sha256(args.build_id.encode())
    for rel in sorted(names):
        version_source.update(f'{rel}={names[rel]}\n'.encode())
    for rel in ('index.html', 'kiosk-shell.js', 'sw.js', 'config.json', 'assets/fonts/index.json'):
        path = os.path.join(staging, rel)
        if os.path.exists(path):
            version_source.update(rel.encode() + b'\n' + read(path))
    version = version_source.hexdigest()[:12]

    # 4. The shell learns the version and the names, then is named after its content itself.
    shell_path = os.path.join(staging, 'kiosk-shell.js')
    shell = replace_build_line(read(shell_path).decode(), {'version': version, 'files': names}, 'kiosk-shell.js').encode()
    os.remove(shell_path)
    names['kiosk-shell.js'] = hashed_name('kiosk-shell.js', shell)
    write(os.path.join(staging, names['kiosk-shell.js']), shell)

    # 5. The pages refer to the new names.
    for rel in files:
        if '/' in rel or not rel.endswith('.html'):
            continue
        path = os.path.join(staging, rel)
        text = read(path).decode()
        for old, new in names.items():
            text = re.sub(r'((?:src|href)=["\'](?:\./)?)' + re.escape(old) + r'(["\'])', lambda m: m.group(1) + new + m.group(2), text)
        write(path, text.encode())

    # 6. The service worker keeps what a start needs: the page and the files it names, the app
    #    (kiosk.js, kiosk.wasm), the catalogues and keymaps, the base font, config.json and the font
    #    index. Font tiers are kept when fetched; anything else loaded later is fetched when needed.
    page = read(os.path.join(staging, 'index.html')).decode()
    precache = ['index.html'] + sorted(
        n for rel, n in names.items()
        if ('/' not in rel and (n in page or rel in ('kiosk.js', 'kiosk.wasm'))) or
        (rel.startswith('assets/') and not rel.endswith('.ttf')) or rel == 'assets/fonts/elder-cjk.ttf')
    for extra in ('config.json', 'assets/fonts/index.json'):
        if os.path.exists(os.path.join(staging, extra)):
            precache.append(extra)
    sw_path = os.path.join(staging, 'sw.js')
    write(sw_path, replace_build_line(read(sw_path).decode(),
                                      {'version': version, 'precache': precache, 'fonts': tiers}, 'sw.js').encode())

    manifest = {'version': version, 'build_id': args.build_id, 'files': names, 'precache': precache}
    write(os.path.join(staging, 'build.json'), (json.dumps(manifest, ensure_ascii=False, indent=1) + '\n').encode())

    # 7. Small files keep their fixed names too, for whatever loads them by that name.
    for rel, new_name in names.items():
        if not only_hashed(rel):
            shutil.copy2(os.path.join(staging, new_name), os.path.join(staging, rel))

    # 8. Precompressed siblings.
    for root, _, entries in os.walk(staging):
        for name in entries:
            path = os.path.join(root, name)
            if not name.endswith(COMPRESSIBLE) or os.path.getsize(path) <= 1024:
                continue
            data = read(path)
            for ext, packed in zip(('br', 'gz'), compress(data, cache)):
                if len(packed) < len(data):
                    write(path + '.' + ext, packed)

    # 9. The new site replaces the old one in one step (a server reading it sees one or the other).
    old = out + '.old'
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(out):
        os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)
    print(f'stamp_site: version {version}, {len(names)} files named by content, into {out}')


if __name__ == '__main__':
    main()
