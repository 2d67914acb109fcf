"""Mosaic's `s2lif` assembly (plugins/models/.../assemblies/s2lif.yaml, pipeline S2lifNetwork, order text-first) in
plain PyTorch, op for op as Mosaic computes it, at the testbed's meld-like shapes (text 40 x 32, vision 200 x 32, true
lengths a fraction U[0.3, 1] of the padded length; single source: 2000 train / 400 valid samples of domain 0), three
classes, batch 16.

Text: pointwise-projection (Linear 32->64 with bias, ReLU; every step, padding included) -> transformer-encoder (padding
zeroed, 1 post-LN layer, 4 heads, FFN 128, dropout 0.1 on the attention weights, after the attention, after the ReLU
and after the FFN; padding masked as keys at -1e9 and the softmax multiplied by the valid keys; output zeroed at
padding) -> feature-mask (r = 1, s = 0; t = |r| - s, q = step(t) forward and eq. 11's surrogate backward, m = r q,
x m) -> token-similarity-pool (a = softmax over the valid tokens of m . x_j, sum_j a_j x_j). Vision: the same, with
keyframe-mask (k = 2, 4 heads, hidden 64, tau 1) between the projection and the transformer: padding zeroed, eq. 20's
local difference with replicate padding at each sample's own ends, eq. 21's multi-head self-attention (packed
Linear(64, 192), Linear(64, 64), padding masked as keys), pi = softmax(MLP([local; global])), MLP Linear(128, 64), ReLU,
Linear(64, 2); D a straight-through Gumbel-softmax sample in training, argmax at evaluation, 0 on padding; x * D.
g_t = mlp(hidden 64, ReLU, Dropout 0.1) on x_t; g_v the same on [x_t; x_v] (the prediction).
Objectives: CE_t on g_t's logits + 0.01 sum exp(-s_t) + CE_v on the prediction + 0.01 sum exp(-s_v) + L_recon (eq. 23:
one GRU(64, 64) over [x~; x] with padding zeroed, sum over valid steps of |h~ - h|^2 / the batch's valid steps).
Initialisation as Mosaic's: xavier-uniform weights and zero biases in the transformer layers (Linears.xavier), DJL's
default N(0, 2 / fan_in) and zero biases in every other Linear, r = 1, s = 0.

What `mosaic bench s2lif` times is the first of the two stages the pipeline proposes (Trainer.benchmark takes
stages().get(0)): text's stage. Vision's chain, g_v and the reconstruction GRU are frozen, the active objectives are
those on text's taps and prediction.text (CE_t + 0.01 sparse_t), but the whole network runs forward in training mode,
vision's keyframe sampling and g_v included. One timed step, as Trainer.step does it: gather the batch, the forward,
the two objectives, backward, Adam (lr 1e-3) over the trainable parameters, zero the gradients.
Evaluation (timed separately), as Evaluator.evaluate: the 400 valid samples in batches of 256 (eval-batch), forward
without autograd, the weighted sum of all five objectives (Evaluator's loss reads every clean objective).

`--run FOLDER --npz FILE` checks the reference against Mosaic instead of timing it: it loads the run's
checkpoints/last.ckpt (bench/checkpoint.py), evaluates FILE's valid split as above and asserts that the loss equals the
last valid_loss of the run's epochs.csv (relative difference below 1e-4); FILE must hold the samples the run read (a
run of an assembly extending s2lif with `data: { source: npz, file: FILE, task: classes-3 }`).

  /usr/bin/python3 s2lif_ref.py [--threads 2] [--steps 10] [--warmup 2] [--eval-reps 5] [--npz FILE] [--losses]
  /usr/bin/python3 s2lif_ref.py --run FOLDER --npz FILE
"""
import argparse, math, os, resource, time
import torch, torch.nn as nn, torch.nn.functional as F
import profiling
from stats import median
import checkpoint

TT, TV, DT, DV = 40, 200, 32, 32       # meld-like: text 40 x 32, vision 200 x 32
D, CLASSES, EVAL_BATCH = 64, 3, 256
ALPHA = 0.01                           # the sparsity terms' weight
PARAMS, RECON_PARAMS = 109_256, 24_960  # `mosaic validate s2lif`: 109,256 parameters, and 24,960 in objectives


def make_split(n, g):
    f = 0.3 + 0.7 * torch.rand(n, generator=g)
    lt, lv = torch.clamp((f * TT).round().long(), min=1), torch.clamp((f * TV).round().long(), min=1)
    text = torch.randn(n, TT, DT, generator=g) * mask_of(lt, TT).unsqueeze(2)
    vision = torch.randn(n, TV, DV, generator=g) * mask_of(lv, TV).unsqueeze(2)
    return dict(text=text, vision=vision, lt=lt, lv=lv, label=torch.randint(0, CLASSES, (n,), generator=g))


def load_npz(path, split):
    """Mosaic's own samples: `mosaic data testbed --preset meld-like --seed 1111 --train-domains 0 --test-domains 3,4`."""
    import numpy as np
    d = np.load(path)
    t = lambda k: torch.from_numpy(np.ascontiguousarray(d[f'{split}_{k}']))
    return dict(text=t('text'), vision=t('vision'), lt=t('text_bert')[:, 1].sum(1), lv=t('vision_lengths'),
                label=classes_3(t('regression_labels')))


def classes_3(score):
    """Task.classOf for classes-3: the score clipped to [-1, 1], rounded half to even, plus 1 (the file's
    classification_labels, sign(score) + 1, differ where |score| < 0.5; Mosaic reads the score)."""
    return (score.clamp(-1, 1).round() + 1).long()


def gather(split, idx):
    return {k: v.index_select(0, idx) for k, v in split.items()}


def mask_of(lengths, T):
    return torch.arange(T)[None, :] < lengths[:, None]


def linear(i, o):
    """DJL's default Linear initialisation: N(0, 2 / fan_in) weights, zero bias."""
    l = nn.Linear(i, o); nn.init.normal_(l.weight, 0.0, math.sqrt(2.0 / i)); nn.init.zeros_(l.bias); return l


def xavier(i, o):
    """Linears.xavier: xavier_uniform weights, zero bias."""
    l = nn.Linear(i, o); nn.init.xavier_uniform_(l.weight); nn.init.zeros_(l.bias); return l


def split_heads(x, h):
    B, T, W = x.shape
    return x.reshape(B, T, h, W // h).transpose(1, 2)


def merge_heads(x):
    B, h, T, w = x.shape
    return x.transpose(1, 2).reshape(B, T, h * w)


def key_bias(valid):
    """[B, 1, 1, T]: 0 at a valid key, -1e9 at padding."""
    return (valid.float() - 1).mul(1e9)[:, None, None, :]


class SelfAttention(nn.Module):
    """MultiHeadSelfAttention: softmax(Q K^T / sqrt(D/h) + bias) times the valid keys, dropout on the weights."""
    def __init__(s, heads, p):
        super().__init__(); s.qkv, s.out, s.h, s.p = xavier(D, 3 * D), xavier(D, D), heads, p

    def forward(s, x, valid):
        q, k, v = (split_heads(t, s.h) for t in s.qkv(x).chunk(3, 2))
        logits = (q / math.sqrt(q.shape[3])) @ k.transpose(2, 3) + key_bias(valid)
        w = F.dropout(logits.softmax(-1) * valid[:, None, None, :].float(), s.p, s.training)
        return s.out(merge_heads(w @ v))


class TransformerEncoder(nn.Module):
    """transformer-encoder, 1 post-LN layer (EncoderLayer), padding zeroed in and out."""
    def __init__(s, heads=4, ffn=128, p=0.1):
        super().__init__()
        s.attention, s.fc1, s.fc2 = SelfAttention(heads, p), xavier(D, ffn), xavier(ffn, D)
        s.norm1, s.norm2, s.p = nn.LayerNorm(D), nn.LayerNorm(D), p

    def forward(s, x, valid):
        keep = valid.unsqueeze(2)
        x = torch.where(keep, x, torch.zeros(()))
        y = s.norm1(x + F.dropout(s.attention(x, valid), s.p, s.training))
        h = s.fc2(F.dropout(F.relu(s.fc1(y)), s.p, s.training))
        y = s.norm2(y + F.dropout(h, s.p, s.training))
        return torch.where(keep, y, torch.zeros(()))


def surrogate_step(t):
    """F(t) forward (t >= 0 keeps), eq. 11's derivative backward, via g's straight-through composition."""
    size, sign = t.abs().detach(), t.sign()
    inner = 2 * (t - t * t.abs())
    middle = 0.4 * t + 0.32 * sign
    plateau = 0.72 * sign
    g = torch.where(size <= 0.4, inner, torch.where(size <= 1.0, middle, plateau))
    return (t >= 0).float() + (g - g.detach())


class FeatureMask(nn.Module):
    def __init__(s):
        super().__init__(); s.r, s.s = nn.Parameter(torch.ones(D)), nn.Parameter(torch.zeros(D))

    def forward(s, x):
        t = s.r.abs() - s.s
        m = s.r * surrogate_step(t)
        return x * m, m, (t >= 0).float().mean()


def token_similarity_pool(x, m, valid):
    tokens = x * valid.unsqueeze(2)
    scores = (tokens * m).sum(2)
    w = torch.where(valid, scores, torch.full_like(scores, -1e9)).softmax(1) * valid.float()
    return (tokens * w.unsqueeze(2)).sum(1)


def local_difference(x, lengths, k):
    """Eq. 20 as printed: the 2k + 1 frames i-k .. i+k (replicate-padded at each sample's ends) over 2k, minus x_i."""
    B, T, W = x.shape
    positions = torch.arange(T).reshape(1, 1, T) + torch.arange(-k, k + 1).reshape(1, 2 * k + 1, 1)
    last = (lengths - 1).clamp(min=0).reshape(-1, 1, 1)
    frames = torch.minimum(positions.clamp(min=0), last)                      # [B, 2k+1, T]
    gathered = x.gather(1, frames.reshape(B, -1, 1).expand(B, (2 * k + 1) * T, W))
    return gathered.reshape(B, 2 * k + 1, T, W).sum(1) / (2.0 * k) - x


class KeyframeMask(nn.Module):
    def __init__(s, heads=4, window=2, tau=1.0):
        super().__init__()
        s.qkv, s.out, s.h = linear(D, 3 * D), linear(D, D), heads
        s.hidden, s.logits, s.k, s.tau = linear(2 * D, D), linear(D, 2), window, tau

    def forward(s, x, lengths, valid):
        x = x * valid.unsqueeze(2)
        local = local_difference(x, lengths, s.k)
        q, k, v = (split_heads(t, s.h) for t in s.qkv(x).chunk(3, 2))
        w = ((q / math.sqrt(q.shape[3])) @ k.transpose(2, 3) + key_bias(valid)).softmax(-1)
        glob = s.out(merge_heads(w @ v))
        scores = s.logits(F.relu(s.hidden(torch.cat([local, glob], 2))))
        if s.training:                               # KeepDecision.gumbelStraightThrough
            u = torch.empty_like(scores).uniform_(torch.finfo(torch.float32).tiny, 1.0 - 2 ** -24)
            soft = ((scores - (-u.log()).log()) / s.tau).softmax(-1)
            keep = soft[..., 1]
            sampled = soft.argmax(-1).float() + (keep - keep.detach())
        else:
            sampled = scores.argmax(-1).float()
        decision = torch.where(valid, sampled, torch.zeros(()))
        kept = decision.detach().sum() / valid.float().sum().clamp(min=1)
        return x * decision.unsqueeze(2), x, kept


class Chain(nn.Module):
    def __init__(s, din, keyframes):
        super().__init__()                           # registered in the chain's order, as Mosaic lists parameters
        s.proj = linear(din, D)
        s.keyframe = KeyframeMask() if keyframes else None
        s.encoder, s.mask = TransformerEncoder(), FeatureMask()

    def forward(s, x, lengths):
        valid = mask_of(lengths, x.shape[1])
        h = F.relu(s.proj(x))
        taps = {}
        if s.keyframe is not None:
            h, taps['input'], taps['keyframe_keep'] = s.keyframe(h, lengths, valid)
            taps['masked'], taps['valid'] = h, valid
        h, m, taps['keep'] = s.mask(s.encoder(h, valid))
        return token_similarity_pool(h, m, valid), taps


def mlp(i):
    return nn.Sequential(linear(i, D), nn.ReLU(), nn.Dropout(0.1), linear(D, CLASSES))


class S2lif(nn.Module):
    def __init__(s):
        super().__init__()
        s.text, s.vision = Chain(DT, False), Chain(DV, True)
        s.text_head, s.vision_head = mlp(D), mlp(2 * D)

    def forward(s, b):
        xt, _ = s.text(b['text'], b['lt'])
        xv, taps = s.vision(b['vision'], b['lv'])
        return s.text_head(xt), s.vision_head(torch.cat([xt, xv], 1)), taps


class Reconstruction(nn.Module):
    """keyframe-reconstruction: one GRU over [x~; x] along the batch, eq. 23 averaged over the valid steps."""
    def __init__(s):
        super().__init__(); s.gru = nn.GRU(D, D, batch_first=True)

    def forward(s, taps):
        valid = taps['valid'].unsqueeze(2).float()
        h = s.gru(torch.cat([taps['masked'] * valid, taps['input'] * valid], 0))[0]
        masked, original = h.chunk(2, 0)
        return ((masked - original).square().sum(2) * valid.squeeze(2)).sum() / valid.sum().clamp(min=1)


def sparsity(mask):
    return mask.s.neg().exp().sum()


def validation_loss(model, recon, valid):
    """Evaluator.evaluate's loss: per batch of 256, the five objectives' weighted sum, averaged over the samples."""
    model.eval(); total, nv = 0.0, valid['label'].shape[0]
    with torch.no_grad():
        for start in range(0, nv, EVAL_BATCH):
            b = gather(valid, torch.arange(start, min(nv, start + EVAL_BATCH)))
            text_logits, logits, taps = model(b)
            loss = (F.cross_entropy(text_logits, b['label']) + ALPHA * sparsity(model.text.mask)
                    + F.cross_entropy(logits, b['label']) + ALPHA * sparsity(model.vision.mask) + recon(taps))
            total += loss.item() * b['label'].shape[0]
    return total / nv


def check_run(folder, model, recon, valid):
    """The run's last weights in the reference give the run's last validation loss."""
    weights = checkpoint.load_checkpoint(os.path.join(folder, 'checkpoints', 'last.ckpt'))
    checkpoint.copy_into(list(model.parameters()) + list(recon.parameters()), weights, folder)
    expected, epoch = checkpoint.last_validation_loss(folder)
    loss = validation_loss(model, recon, valid)
    difference = abs(loss - expected) / max(abs(expected), 1e-12)
    print(f'valid loss on the weights of {folder} after epoch {epoch}: reference {loss:.6f}, Mosaic {expected:.6f}, '
          f'relative difference {difference:.1e}')
    assert difference < 1e-4, 'the reference does not compute what Mosaic computes'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--warmup', type=int, default=2); ap.add_argument('--eval-reps', type=int, default=5)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--npz', default='', help="read Mosaic's own testbed export instead of random data")
    profiling.add_argument(ap)
    ap.add_argument('--losses', action='store_true', help='print each objective per timed step (a sanity check)')
    ap.add_argument('--run', default='', help="check the validation loss of a Mosaic run's last checkpoint, then exit")
    a = ap.parse_args()
    profile = profiling.Profile.of(a.profile)
    if a.run and not a.npz:
        ap.error('--run needs --npz FILE, the samples the run read')
    torch.set_num_threads(a.threads); torch.manual_seed(1111); g = torch.Generator().manual_seed(1111)
    train, valid = (load_npz(a.npz, 'train'), load_npz(a.npz, 'valid')) if a.npz else (make_split(2000, g), make_split(400, g))
    assert train['text'].shape[1:] == (TT, DT) and train['vision'].shape[1:] == (TV, DV), 'the data are not meld-like'
    model, recon = S2lif(), Reconstruction()
    nparams, nrecon = sum(p.numel() for p in model.parameters()), sum(p.numel() for p in recon.parameters())
    assert (nparams, nrecon) == (PARAMS, RECON_PARAMS), f'parameters {nparams} + {nrecon}, Mosaic has {PARAMS} + {RECON_PARAMS}'
    if a.run:
        return check_run(a.run, model, recon, valid)
    # Stage one of text-first: vision's chain and classifier frozen, and the inactive objective's GRU.
    for p in list(model.vision.parameters()) + list(model.vision_head.parameters()) + list(recon.parameters()):
        p.requires_grad_(False)
    trainable = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(trainable, lr=1e-3)
    n, nv = train['label'].shape[0], valid['label'].shape[0]
    order = torch.randperm(n, generator=g); B = a.batch; nb = n // B

    def step(s):
        model.train()
        b = gather(train, order[(s % nb) * B:(s % nb + 1) * B])
        text_logits, _, _ = model(b)
        losses = {'cross-entropy.text': F.cross_entropy(text_logits, b['label']), 'sparsity.text': sparsity(model.text.mask)}
        total = losses['cross-entropy.text'] + ALPHA * losses['sparsity.text']
        values = {k: v.item() for k, v in losses.items()}
        total.backward(); opt.step(); opt.zero_grad(set_to_none=False)
        return values

    def evaluate():
        return validation_loss(model, recon, valid)

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
    print(f'torch {torch.__version__} threads {torch.get_num_threads()} s2lif (text-first, stage text) '
          f'data={a.npz or "random"} params {nparams} + reconstruction {nrecon} batch {B}')
    print(f'train step  median {med:.4f} s, mean {sum(times)/len(times):.4f} s, min {min(times):.4f} s over {a.steps} steps '
          f'({a.warmup} warm-up)')
    print(f'train       {B/med:.1f} samples/s')
    print(f'evaluate    {nv/emed:.1f} samples/s ({nv} validation samples in median {emed:.3f} s, first {ev[0]:.3f} s, '
          f'{a.eval_reps} reps)')
    print(f'peak memory {rss:.0f} MiB resident (ru_maxrss)')
    profile.finish('s2lif', threads=torch.get_num_threads())
    if a.losses:
        for s, values in enumerate(seen, a.warmup + 1):
            print(f'step {s:3d}  ' + '  '.join(f'{k} {v:.4f}' for k, v in values.items()))
        print(f'valid loss (weighted sum of the five objectives) {eval_loss:.4f}')


if __name__ == '__main__':
    main()
