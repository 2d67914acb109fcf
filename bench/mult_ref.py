"""Mosaic's `mult` assembly (plugins/models/.../assemblies/mult.yaml, pipeline MultNetwork, fusion `crossmodal`) in
plain PyTorch, op for op as Mosaic computes it: at mosi-aligned shapes (text 50 x 32, audio 50 x 5, vision 50 x 20;
1284 train / 229 valid samples), regression, L1, batch 32; with `--s2lif`, `mult-s2lif` at meld-like shapes (text
40 x 32, vision 200 x 32, single source: 2000 train / 400 valid samples of domain 0), text and vision, three classes,
cross-entropy, batch 16.

Per modality: text Dropout(0.2) then pointwise-projection (Linear to D = 30, no bias; every step); audio and vision the
projection alone. crossmodal (CrossmodalFusion): every input's padding zeroed; for each target alpha and each other
source beta in input order, a crossmodal transformer: x = dropout_e(X_alpha sqrt(D) + pe), keys and values
dropout_e(X_beta sqrt(D) + pe) drawn apart (fairseq's sinusoidal table at positions t + 1, embed dropout 0.2), 4
pre-LN layers Z = x + dropout_res(CM(LN0(x), LN0(K), LN0(V))), Y = Z + dropout_res(fc2(dropout_relu(ReLU(fc1(LN1(Z))))))
(fc1 D -> 4D; CM: one packed in-projection [3D, D], 5 heads, softmax(Q K^T / sqrt(D/h) + bias at padded keys) times the
valid keys, attention dropout 0.1 from text and 0 from audio and vision), a final LayerNorm. The streams into alpha
side by side [B, T_alpha, (M - 1) D], x sqrt((M - 1) D) + pe, dropout_e, 4 pre-LN self-attention layers (attention
dropout 0.1, padded keys masked), a final LayerNorm, zero at padding: the "memory". last-step-pool of each target's
fused sequence (its step n - 1); residual-mlp on [text; audio; vision]: r0 + proj2(dropout(ReLU(proj1(r0)))), dropout
0.1; the head Linear(width, outputs). Adam lr 1e-3 after scaling every gradient by min(1, 0.8 / (global L2 norm +
1e-6)) (clip-norm 0.8, torch's clip_grad_norm_).
Initialisation as Mosaic's: xavier-uniform weights and zero biases in the attention and feed-forward layers (the packed
in-projection over [3D, D], Linears.xavier), DJL's default N(0, 2 / fan_in) and zero biases in the projections, the
residual block and the head.

`mosaic bench` takes `mult`'s single stage. One timed step, as Trainer.step does it: gather the batch, forward
(training), the loss, backward, clip, Adam step, zero the gradients. Evaluation (timed separately), as
Evaluator.evaluate: the valid samples in batches of 256 (eval-batch), forward without autograd, the loss.

`--run FOLDER --npz FILE` checks the reference against Mosaic instead of timing it: it loads the run's
checkpoints/last.ckpt (bench/checkpoint.py), evaluates FILE's valid split as above and asserts that the loss equals the
last valid_loss of the run's epochs.csv (relative difference below 1e-4); FILE must hold the samples the run read (a
run of an assembly extending mult or mult-s2lif with `data: { source: npz, file: FILE, task: ... }`).

  /usr/bin/python3 mult_ref.py [--s2lif] [--threads 2] [--steps 10] [--warmup 2] [--eval-reps 5] [--npz FILE] [--losses]
  /usr/bin/python3 mult_ref.py [--s2lif] --run FOLDER --npz FILE
"""
import argparse, math, os, resource, time
import torch, torch.nn as nn, torch.nn.functional as F
import profiling
from stats import median
import checkpoint

D, HEADS, LAYERS, MEMORY_LAYERS, EVAL_BATCH, CLIP = 30, 5, 4, 4, 256, 0.8
EMBED_DROPOUT, RELU_DROPOUT, RESIDUAL_DROPOUT, OUT_DROPOUT = 0.2, 0.1, 0.1, 0.1
ATTENTION_DROPOUT = {'text': 0.1, 'audio': 0.0, 'vision': 0.0}   # by source; the memories take text's 0.1
# modalities, (steps, width) per modality, outputs, batch, train/valid sizes, min length fraction, Mosaic's count
# (`mosaic validate mult` / `mosaic validate mult-s2lif`)
SETTINGS = {
    'mult': dict(modalities=('text', 'audio', 'vision'), shapes={'text': (50, 32), 'audio': (50, 5), 'vision': (50, 20)},
                 outputs=1, batch=32, sizes=(1284, 229), fraction=0.4, params=864_091),
    'mult-s2lif': dict(modalities=('text', 'vision'), shapes={'text': (40, 32), 'vision': (200, 32)},
                       outputs=3, batch=16, sizes=(2000, 400), fraction=0.3, params=188_703),
}


def mask_of(lengths, T):
    return torch.arange(T)[None, :] < lengths[:, None]


def make_split(n, g, cfg):
    f = cfg['fraction'] + (1 - cfg['fraction']) * torch.rand(n, generator=g)
    split = {}
    for m in cfg['modalities']:
        T, d = cfg['shapes'][m]
        lengths = torch.clamp((f * T).round().long(), min=1)
        split[m], split['len_' + m] = torch.randn(n, T, d, generator=g) * mask_of(lengths, T).unsqueeze(2), lengths
    split['target'] = (torch.rand(n, generator=g) * 6 - 3) if cfg['outputs'] == 1 \
        else torch.randint(0, cfg['outputs'], (n,), generator=g)
    return split


def load_npz(path, split, cfg):
    """Mosaic's own samples: `mosaic data testbed --preset mosi-aligned --seed 1111` (mult), or `--preset meld-like
    --seed 1111 --train-domains 0 --test-domains 3,4` (mult-s2lif)."""
    import numpy as np
    d = np.load(path)
    t = lambda k: torch.from_numpy(np.ascontiguousarray(d[f'{split}_{k}']))
    out = {m: t(m) for m in cfg['modalities']}
    for m in cfg['modalities']:
        out['len_' + m] = t('text_bert')[:, 1].sum(1) if m == 'text' else t(m + '_lengths')
    out['target'] = t('regression_labels') if cfg['outputs'] == 1 else classes_3(t('regression_labels'))
    return out


def classes_3(score):
    """Task.classOf for classes-3: the score clipped to [-1, 1], rounded half to even, plus 1 (the file's
    classification_labels, sign(score) + 1, differ where |score| < 0.5; Mosaic reads the score)."""
    return (score.clamp(-1, 1).round() + 1).long()


def gather(split, idx):
    return {k: v.index_select(0, idx) for k, v in split.items()}


def linear(i, o, bias=True):
    """DJL's default Linear initialisation: N(0, 2 / fan_in) weights, zero bias."""
    l = nn.Linear(i, o, bias=bias); nn.init.normal_(l.weight, 0.0, math.sqrt(2.0 / i))
    if bias: nn.init.zeros_(l.bias)
    return l


def xavier(i, o):
    """Linears.xavier: xavier_uniform weights, zero bias."""
    l = nn.Linear(i, o); nn.init.xavier_uniform_(l.weight); nn.init.zeros_(l.bias); return l


def positions(T, dim):
    """ScaledPositions' table: fairseq's sinusoids at positions t + 1, [sin | cos], float32 as torch builds it."""
    half = dim // 2
    rate = math.log(10000) / (half - 1)
    frequencies = torch.exp(torch.arange(half, dtype=torch.float32) * -rate)
    angles = torch.arange(1, T + 1, dtype=torch.float32)[:, None] * frequencies[None, :]
    table = torch.cat([angles.sin(), angles.cos()], 1)
    return torch.cat([table, torch.zeros(T, 1)], 1) if dim % 2 else table


def embed(x):
    """x sqrt(D) + pe."""
    return x * math.sqrt(x.shape[2]) + positions(x.shape[1], x.shape[2])


def split_heads(x):
    B, T, W = x.shape
    return x.reshape(B, T, HEADS, W // HEADS).transpose(1, 2)


def merge_heads(x):
    B, h, T, w = x.shape
    return x.transpose(1, 2).reshape(B, T, h * w)


def attend(q, k, v, valid, p, training, out):
    """softmax(Q K^T / sqrt(D/h) + bias) times the valid keys, dropout, heads merged, the output Linear."""
    q, k, v = split_heads(q), split_heads(k), split_heads(v)
    bias = (valid.float() - 1).mul(1e9)[:, None, None, :]
    w = ((q / math.sqrt(q.shape[3])) @ k.transpose(2, 3) + bias).softmax(-1) * valid[:, None, None, :].float()
    return out(merge_heads(F.dropout(w, p, training) @ v))


class FeedForward(nn.Module):
    def __init__(s, dim):
        super().__init__(); s.fc1, s.fc2 = xavier(dim, 4 * dim), xavier(4 * dim, dim)

    def forward(s, x):
        return s.fc2(F.dropout(F.relu(s.fc1(x)), RELU_DROPOUT, s.training))


class CrossmodalAttention(nn.Module):
    """CM: one packed in-projection [W_q; W_k; W_v] [3D, D] with bias, applied part by part; the output Linear."""
    def __init__(s, p):
        super().__init__()
        s.in_weight = nn.Parameter(torch.empty(3 * D, D)); nn.init.xavier_uniform_(s.in_weight)
        s.in_bias = nn.Parameter(torch.zeros(3 * D)); s.out, s.p = xavier(D, D), p

    def forward(s, query, key, value, valid):
        w, b = s.in_weight, s.in_bias
        return attend(F.linear(query, w[:D], b[:D]), F.linear(key, w[D:2 * D], b[D:2 * D]),
                      F.linear(value, w[2 * D:], b[2 * D:]), valid, s.p, s.training, s.out)


class CrossmodalLayer(nn.Module):
    def __init__(s, p):                              # registered in Mosaic's order (its checkpoints' order)
        super().__init__()
        s.norm0, s.attention, s.norm1, s.ffn = nn.LayerNorm(D), CrossmodalAttention(p), nn.LayerNorm(D), FeedForward(D)

    def forward(s, x, keys, values, valid):
        nk = s.norm0(keys)
        nv = nk if values is keys else s.norm0(values)
        z = x + F.dropout(s.attention(s.norm0(x), nk, nv, valid), RESIDUAL_DROPOUT, s.training)
        return z + F.dropout(s.ffn(s.norm1(z)), RESIDUAL_DROPOUT, s.training)


class CrossmodalTransformer(nn.Module):
    def __init__(s, p):
        super().__init__(); s.layers = nn.ModuleList(CrossmodalLayer(p) for _ in range(LAYERS)); s.norm = nn.LayerNorm(D)

    def forward(s, target, source, valid):
        x = F.dropout(embed(target), EMBED_DROPOUT, s.training)
        embedded = embed(source)
        keys = F.dropout(embedded, EMBED_DROPOUT, s.training)
        values = F.dropout(embedded, EMBED_DROPOUT, s.training) if s.training and EMBED_DROPOUT > 0 else keys
        for layer in s.layers:
            x = layer(x, keys, values, valid)
        return s.norm(x)


class SelfAttention(nn.Module):
    """MultiHeadSelfAttention: packed Linear(W, 3W), Linear(W, W)."""
    def __init__(s, width):
        super().__init__(); s.qkv, s.out = xavier(width, 3 * width), xavier(width, width)

    def forward(s, x, valid):
        q, k, v = s.qkv(x).chunk(3, 2)
        return attend(q, k, v, valid, ATTENTION_DROPOUT['text'], s.training, s.out)


class MemoryLayer(nn.Module):
    """PreNormLayer."""
    def __init__(s, width):
        super().__init__()
        s.norm0, s.attention, s.norm1, s.ffn = nn.LayerNorm(width), SelfAttention(width), nn.LayerNorm(width), FeedForward(width)

    def forward(s, x, valid):
        y = x + F.dropout(s.attention(s.norm0(x), valid), RESIDUAL_DROPOUT, s.training)
        return y + F.dropout(s.ffn(s.norm1(y)), RESIDUAL_DROPOUT, s.training)


class Memory(nn.Module):
    def __init__(s, width):
        super().__init__()
        s.layers = nn.ModuleList(MemoryLayer(width) for _ in range(MEMORY_LAYERS)); s.norm = nn.LayerNorm(width)

    def forward(s, joined, valid):
        h = F.dropout(embed(joined), EMBED_DROPOUT, s.training)
        for layer in s.layers:
            h = layer(h, valid)
        return s.norm(h)


class Mult(nn.Module):
    def __init__(s, cfg):
        super().__init__()
        s.modalities = cfg['modalities']
        s.proj = nn.ModuleDict({m: linear(cfg['shapes'][m][1], D, bias=False) for m in s.modalities})
        width = (len(s.modalities) - 1) * D
        s.fusion = nn.ModuleDict()                   # per target its streams, then its memory: Mosaic's order
        for t in s.modalities:
            for b in s.modalities:
                if b != t:
                    s.fusion[f'{t}_from_{b}'] = CrossmodalTransformer(ATTENTION_DROPOUT[b])
            s.fusion[f'{t}_memory'] = Memory(width)
        joint = len(s.modalities) * width
        s.proj1, s.proj2, s.head = linear(joint, joint), linear(joint, joint), linear(joint, cfg['outputs'])

    def forward(s, b):
        x, valid = {}, {}
        for m in s.modalities:
            h = F.dropout(b[m], 0.2, s.training) if m == 'text' else b[m]
            valid[m] = mask_of(b['len_' + m], h.shape[1])
            x[m] = torch.where(valid[m].unsqueeze(2), s.proj[m](h), torch.zeros(()))
        pooled = []
        for t in s.modalities:
            joined = torch.cat([s.fusion[f'{t}_from_{m}'](x[t], x[m], valid[m]) for m in s.modalities if m != t], 2)
            fused = torch.where(valid[t].unsqueeze(2), s.fusion[f'{t}_memory'](joined, valid[t]), torch.zeros(()))
            last = (b['len_' + t] - 1).clamp(min=0)
            pooled.append(fused[torch.arange(fused.shape[0]), last] * (b['len_' + t] > 0).float().unsqueeze(1))
        r0 = torch.cat(pooled, 1)
        r = s.proj2(F.dropout(F.relu(s.proj1(r0)), OUT_DROPOUT, s.training)) + r0
        return s.head(r)


def validation_loss(model, criterion, valid):
    """Evaluator.evaluate's loss: per batch of 256, averaged over the samples."""
    model.eval(); total, nv = 0.0, valid['target'].shape[0]
    with torch.no_grad():
        for start in range(0, nv, EVAL_BATCH):
            b = gather(valid, torch.arange(start, min(nv, start + EVAL_BATCH)))
            total += criterion(model(b), b['target']).item() * b['target'].shape[0]
    return total / nv


def check_run(folder, model, evaluate):
    """The run's last weights in the reference give the run's last validation loss."""
    checkpoint.copy_into(list(model.parameters()), checkpoint.load_checkpoint(os.path.join(folder, 'checkpoints', 'last.ckpt')),
                         folder)
    expected, epoch = checkpoint.last_validation_loss(folder)
    loss = evaluate()
    difference = abs(loss - expected) / max(abs(expected), 1e-12)
    print(f'valid loss on the weights of {folder} after epoch {epoch}: reference {loss:.6f}, Mosaic {expected:.6f}, '
          f'relative difference {difference:.1e}')
    assert difference < 1e-4, 'the reference does not compute what Mosaic computes'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--s2lif', action='store_true', help='mult-s2lif: text and vision, meld-like, three classes')
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--warmup', type=int, default=2); ap.add_argument('--eval-reps', type=int, default=5)
    ap.add_argument('--npz', default='', help="read Mosaic's own testbed export instead of random data")
    profiling.add_argument(ap)
    ap.add_argument('--losses', action='store_true', help='print the loss per timed step (a sanity check)')
    ap.add_argument('--run', default='', help="check the validation loss of a Mosaic run's last checkpoint, then exit")
    a = ap.parse_args()
    profile = profiling.Profile.of(a.profile)
    if a.run and not a.npz:
        ap.error('--run needs --npz FILE, the samples the run read')
    name = 'mult-s2lif' if a.s2lif else 'mult'
    cfg = SETTINGS[name]
    torch.set_num_threads(a.threads); torch.manual_seed(1111); g = torch.Generator().manual_seed(1111)
    train, valid = (load_npz(a.npz, 'train', cfg), load_npz(a.npz, 'valid', cfg)) if a.npz \
        else (make_split(cfg['sizes'][0], g, cfg), make_split(cfg['sizes'][1], g, cfg))
    for m in cfg['modalities']:
        assert tuple(train[m].shape[1:]) == cfg['shapes'][m], f'{m} is {tuple(train[m].shape[1:])}, {name} reads {cfg["shapes"][m]}'
    model = Mult(cfg)
    nparams = sum(p.numel() for p in model.parameters())
    assert nparams == cfg['params'], f'parameters {nparams}, Mosaic has {cfg["params"]}'
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    regression = cfg['outputs'] == 1
    criterion = (lambda out, y: (out.squeeze(1) - y).abs().mean()) if regression else F.cross_entropy
    n, nv = train['target'].shape[0], valid['target'].shape[0]
    order = torch.randperm(n, generator=g); B = cfg['batch']; nb = n // B

    def step(s):
        model.train()
        b = gather(train, order[(s % nb) * B:(s % nb + 1) * B])
        loss = criterion(model(b), b['target'])
        value = loss.item(); loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), CLIP); opt.step(); opt.zero_grad(set_to_none=False)
        return value

    def evaluate():
        return validation_loss(model, criterion, valid)

    if a.run:
        return check_run(a.run, model, evaluate)

    for s in range(a.warmup): step(s)
    times, seen = [], []
    with profile.phase('train', times):
        for s in range(a.warmup, a.warmup + a.steps):
            t0 = time.perf_counter(); seen.append(step(s)); times.append(time.perf_counter() - t0)
    ev = []
    with profile.phase('evaluate', ev):
        for _ in range(a.eval_reps):
            t0 = time.perf_counter(); eval_loss = evaluate(); ev.append(time.perf_counter() - t0)
    med, emed = median(times), median(ev)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'torch {torch.__version__} threads {torch.get_num_threads()} {name} data={a.npz or "random"} '
          f'params {nparams} batch {B}')
    print(f'train step  median {med:.4f} s, mean {sum(times)/len(times):.4f} s, min {min(times):.4f} s over {a.steps} steps '
          f'({a.warmup} warm-up)')
    print(f'train       {B/med:.1f} samples/s')
    print(f'evaluate    {nv/emed:.1f} samples/s ({nv} validation samples in median {emed:.3f} s, first {ev[0]:.3f} s, '
          f'{a.eval_reps} reps)')
    print(f'peak memory {rss:.0f} MiB resident (ru_maxrss)')
    profile.finish(name, threads=torch.get_num_threads())
    if a.losses:
        for s, value in enumerate(seen, a.warmup + 1):
            print(f'step {s:3d}  {"l1" if regression else "cross-entropy"} {value:.4f}')
        print(f'valid loss {eval_loss:.4f}')


if __name__ == '__main__':
    main()
