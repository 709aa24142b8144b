#!/usr/bin/env python3
"""Maps perf instruction-pointer samples onto a JIT disassembly listing (DOTNET_JitDisasmWithCodeBytes=1), for
tools/profile-simd.sh. Prints each instruction with its share of the method's samples, then the instructions of the
blocks that were executed (a block with >= 0.25 % of the samples; blocks that loop are counted once) per category.
Usage: annotate-jit-samples.py LISTING N IPS PERFMAP"""
import re
import sys
from collections import Counter, defaultdict

listing, which, ips, perfmap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
entries = [l for l in open(perfmap) if 'SimdKernel::Vector(' in l]
addr, size = entries[which].split()[:2]
base, size = int(addr, 16), int(size, 16)
hist = Counter()
for l in open(ips):
    ip = int(l, 16)
    if base <= ip < base + size:
        hist[ip - base] += 1
total = sum(hist.values())

lines = open(listing).read().split('\n')
starts = [i for i, l in enumerate(lines) if l.startswith('; Assembly listing')]
s = starts[which]
e = starts[which + 1] if which + 1 < len(starts) else len(lines)
print(lines[s])
print(f'# method size {size} bytes, {total} samples in it')
off, block, blocks, order = 0, None, defaultdict(list), []
for l in lines[s:e]:
    m = re.match(r'^(G_M\w+):\s+;; offset=0x([0-9A-F]+)', l)
    if m:
        off, block = int(m.group(2), 16), m.group(1)
        order.append(block)
        print(l)
        continue
    m = re.match(r'^       ([0-9A-F]+)\s+(\S+)(.*)$', l)
    if m:
        n = len(m.group(1)) // 2
        cnt = sum(hist.get(off + k, 0) for k in range(n))
        share = 100.0 * cnt / total if total else 0.0
        blocks[block].append((share, m.group(2), m.group(3)))
        print(f'{share:6.2f}% {off:5x} {m.group(2)}{m.group(3)}')
        off += n
    else:
        m2 = re.search(r'align\s+\[(\d+) bytes', l)
        if m2:
            off += int(m2.group(1))


def category(op, args):
    if op.startswith('vfm') or op.startswith('vfnm'):
        return 'fma'
    if op in ('vmulpd', 'vmulps'):
        return 'mul'
    if op in ('vaddpd', 'vsubpd', 'vaddps', 'vsubps', 'vminpd', 'vmaxpd', 'vminps', 'vmaxps'):
        return 'add/min/max'
    if op.startswith('vcmp'):
        return 'compare'
    if op in ('vdivpd', 'vdivps', 'vsqrtpd', 'vsqrtps'):
        return 'div/sqrt'
    if op in ('vmovups', 'vmovaps', 'vmovupd', 'vmovapd'):
        a = args.strip()
        return 'vector store' if a.startswith(('zmmword', 'ymmword', 'xmmword')) else ('vector load' if 'ptr' in a else 'vector reg move')
    if op.startswith('vbroadcast'):
        return 'constant broadcast (load)'
    if op.startswith('vp') or op in ('vandpd', 'vxorpd', 'vorpd', 'vandps', 'vxorps', 'vorps', 'vandnpd'):
        return 'integer/logic/mask'
    if op.startswith('k'):
        return 'k-mask'
    return 'scalar'


cats = Counter()
executed = 0
for b in order:
    if sum(x for x, _, _ in blocks[b]) < 0.25:
        continue
    for _, op, args in blocks[b]:
        cats[category(op, args)] += 1
        executed += 1
print('# per category: instructions in executed blocks (each block once)')
for k, v in cats.most_common():
    print(f'{k:28s} {v:5d}')
print(f'{"total":28s} {executed:5d}')
