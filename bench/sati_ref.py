"""Mosaic's `sati` assembly (plugins/models/.../assemblies/sati.yaml, pipeline SatiNetwork) in plain PyTorch, op for op
as Mosaic computes it, at the testbed's mosi-aligned shapes (text 50 x 32, audio 50 x 5, vision 50 x 20, one audio
and vision frame per text position, every modality as long as the text; lengths a fraction U[0.4, 1] of 50, at least
3; 1284 train / 229 valid samples), regression, batch 64. `--unaligned` takes mosi-like's raw frames (audio 375 x 5,
vision 500 x 20, lengths the same fraction of their own axis) and aligns them to the words with `wsam`, as Mosaic's
`sati` does on `--set data.preset=mosi-like`.

Per modality: text pointwise-projection (Linear 32->128, ReLU, LayerNorm); audio and vision a transformer-encoder
(1 post-LN layer at the raw width, 1 head, FFN 2048, dropout 0.1, padding masked as keys and zeroed at the output),
then the same projection. Unaligned only: wsam (1 head, words 1..n-2 of the text attend to the valid frames) per
audio and vision, after which both carry the text's lengths. Private codes E_S (one Linear(128,128) + sigmoid per
modality) and shared codes E_I (one Linear(128,128) + sigmoid, the same module for all three). semantic-fusion:
sinusoidal positions on the private codes, per stream (audio, vision) LN(CA(T, S_m) * sigmoid(FBP(I_m, I_t)) + T),
CA 4 heads with bias-free Q/K/V and dropout 0.2 after its output map, FBP o = 32, k = 2, gate dropout 0.4; the two
streams side by side [B, T, 256]. context: transformer-encoder at 256 (1 head). masked-mean-pool; mlp head
Linear(256,128), ReLU, Dropout(0.6), Linear(128,1).
Objectives (the weighted sum, each value read as Trainer.backward does): mse + 1.0 cmd (eq. 2, K = 5, between the
time-means of the shared codes, mean over the 3 pairs) + 0.4 modality-discriminator (eq. 3-5: time-means of the
shared and of the private codes -> gradient reversal -> Linear(128,128), ReLU, Dropout(0.6) -> additive angular margin
s = 30, tau = 0.5 against W [3, 128]; summed over the two kinds of codes) + 1.0 temporal-invariance (eq. 6-7, masked
JSD between adjacent steps of vision's private || shared codes). Adam lr 5e-4 over the model and the discriminator,
clip_grad_value_ 1.0. Initialisation as Mosaic's: xavier-uniform weights and zero biases in the transformer layers
(Linears.xavier) and wsam's in-projection, DJL's default N(0, 2 / fan_in) and zero biases in every other Linear.

One timed step, as Trainer.step does it (update: combined): gather the batch, forward (training), the four
objectives and their weighted sum, backward, clip every gradient element to [-1, 1], Adam step, zero the gradients.
Evaluation (timed separately), as Evaluator.evaluate: the 229 valid samples in one batch (eval-batch 256), one forward
without autograd, the weighted sum of the four objectives (the discriminator's dropout stays on, as in Mosaic).

  /usr/bin/python3 sati_ref.py [--threads 2] [--steps 10] [--warmup 2] [--eval-reps 5] [--batch 64] [--unaligned]
                               [--npz FILE] [--losses]
"""
import argparse, math, resource, time
import torch, torch.nn as nn, torch.nn.functional as F
import profiling
from stats import median

H = 128                             # SATI's common width
TT, DT, DA, DV = 50, 32, 5, 20      # text steps; feature widths
ALIGNED, UNALIGNED = (50, 50), (375, 500)   # audio and vision steps: mosi-aligned, mosi-like
PARAMS = {False: 1_695_688, True: 1_827_784}  # `mosaic describe sati --set data.preset=mosi-aligned` / mosi-like
DISCRIMINATOR_PARAMS = 16_896
NEG = -1e9


# ----------------------------------------------------------------------------------------------- data (untimed)
def make_split(n, g, ta, tv):
    """Random features in the preset's shapes, zero padding, lengths = max(min, round(f * T)), f ~ U[0.4, 1] shared
    by the modalities (aligned: audio and vision as long as the text)."""
    f = 0.4 + 0.6 * torch.rand(n, generator=g)
    lt = torch.clamp((f * TT).round().long(), min=3)
    la = lt.clone() if ta == TT else torch.clamp((f * ta).round().long(), min=1)
    lv = lt.clone() if tv == TT else torch.clamp((f * tv).round().long(), min=1)
    def frames(T, d, lengths):
        x = torch.randn(n, T, d, generator=g)
        return x * mask_of(lengths, T).unsqueeze(2)
    score = torch.rand(n, generator=g) * 6 - 3
    return dict(text=frames(TT, DT, lt), audio=frames(ta, DA, la), vision=frames(tv, DV, lv), lt=lt, la=la, lv=lv,
                score=score)


def load_npz(path, split):
    """The same samples Mosaic trains on: `mosaic data testbed --preset mosi-aligned --seed 1111 --out FILE.npz`
    (mosi-like with --unaligned)."""
    import numpy as np
    d = np.load(path)
    t = lambda k: torch.from_numpy(np.ascontiguousarray(d[f'{split}_{k}']))
    return dict(text=t('text'), audio=t('audio'), vision=t('vision'), lt=t('text_bert')[:, 1].sum(1),
                la=t('audio_lengths'), lv=t('vision_lengths'), score=t('regression_labels'))


def gather(split, idx):
    return {k: v.index_select(0, idx) for k, v in split.items()}


def mask_of(lengths, T):
    return torch.arange(T)[None, :] < lengths[:, None]


def zero_padding(x, valid):
    return torch.where(valid.unsqueeze(2), x, torch.zeros(()))


def valid_mean(x, valid):
    """The mean over each sample's valid steps [B, D] (TimeMean, masked-mean-pool, SatiNetwork's pooled taps)."""
    return zero_padding(x, valid).sum(1) / valid.sum(1, keepdim=True).clamp(min=1)


def linear(i, o, bias=True):
    """DJL's default initialisation, which Mosaic's Linear.builder() layers get: weights N(0, 2 / fan_in), zero bias."""
    l = nn.Linear(i, o, bias=bias); nn.init.normal_(l.weight, 0.0, math.sqrt(2.0 / i))
    if bias: nn.init.zeros_(l.bias)
    return l


def xavier(i, o):
    """Linears.xavier: xavier_uniform weights, zero bias (Mosaic's attention and feed-forward layers)."""
    l = nn.Linear(i, o); nn.init.xavier_uniform_(l.weight); nn.init.zeros_(l.bias); return l


def split_heads(x, h):
    B, T, D = x.shape; return x.view(B, T, h, D // h).transpose(1, 2)


def merge_heads(x):
    B, h, T, d = x.shape; return x.transpose(1, 2).reshape(B, T, h * d)


def sinusoid(T, D):
    t = torch.arange(T, dtype=torch.float64)[:, None]
    d = torch.arange(D)[None, :]
    angle = t / torch.pow(10000.0, (d - d % 2).double() / D)
    return torch.where(d % 2 == 0, torch.sin(angle), torch.cos(angle)).float()


# ----------------------------------------------------------------------------------------------- components
class SelfAttention(nn.Module):
    """MultiHeadSelfAttention: packed QKV with bias, softmax over the real keys (-1e9 bias, times the mask), dropout on
    the weights, output map."""
    def __init__(s, dim, heads, p):
        super().__init__(); s.qkv, s.out, s.heads, s.p = xavier(dim, 3 * dim), xavier(dim, dim), heads, p

    def forward(s, x, keys, bias):                  # keys/bias [B,1,1,T]
        q, k, v = (split_heads(t, s.heads) for t in s.qkv(x).chunk(3, -1))
        logits = (q / math.sqrt(q.shape[-1])) @ k.transpose(-1, -2) + bias
        w = F.dropout(logits.softmax(-1) * keys, s.p, s.training)
        return s.out(merge_heads(w @ v))


class EncoderLayer(nn.Module):
    """torch's nn.TransformerEncoderLayer, post-LN, ReLU: x <- LN1(x + drop(SA(x))); x <- LN2(x + drop(FFN(x)))."""
    def __init__(s, dim, heads, ffn=2048, p=0.1):
        super().__init__()
        s.attention = SelfAttention(dim, heads, p); s.fc1, s.fc2 = xavier(dim, ffn), xavier(ffn, dim)
        s.norm1, s.norm2, s.p = nn.LayerNorm(dim), nn.LayerNorm(dim), p

    def forward(s, x, keys, bias):
        y = s.norm1(x + F.dropout(s.attention(x, keys, bias), s.p, s.training))
        h = F.dropout(F.relu(s.fc1(y)), s.p, s.training)
        return s.norm2(y + F.dropout(s.fc2(h), s.p, s.training))


class TransformerEncoder(nn.Module):
    """transformer-encoder: padding zeroed, one layer with padding masked as keys, padding zeroed at the output."""
    def __init__(s, dim, heads=1):
        super().__init__(); s.layer = EncoderLayer(dim, heads)

    def forward(s, x, lengths):
        valid = mask_of(lengths, x.shape[1])
        keys = valid.float().view(x.shape[0], 1, 1, -1)
        h = s.layer(zero_padding(x, valid), keys, (keys - 1) * 1e9)
        return zero_padding(h, valid)


class Projection(nn.Module):
    """pointwise-projection: y = LN(f(W x + b)) per step (LN optional)."""
    def __init__(s, din, activation, layer_norm):
        super().__init__()
        s.linear, s.f = linear(din, H), activation
        s.norm = nn.LayerNorm(H) if layer_norm else nn.Identity()

    def forward(s, x):
        return s.norm(s.f(s.linear(x)))


class WSAM(nn.Module):
    """wsam at width H, 1 head: text words (1..n-2) attend to the valid frames; weights masked after the softmax."""
    def __init__(s):
        super().__init__()
        s.in_proj_weight = nn.Parameter(torch.empty(3 * H, H)); nn.init.xavier_uniform_(s.in_proj_weight)
        s.in_proj_bias = nn.Parameter(torch.zeros(3 * H)); s.out_proj = linear(H, H)

    def forward(s, x, lt, c, lc):
        pos = torch.arange(TT)[None, :]
        words = (pos >= 1) & (pos < lt[:, None] - 1)
        cm = mask_of(lc, c.shape[1])
        allowed = (words[:, :, None] & cm[:, None, :]).unsqueeze(1)                   # B,1,Tq,Tk
        x, c = zero_padding(x, mask_of(lt, TT)), zero_padding(c, cm)
        wq, wk, wv = s.in_proj_weight.chunk(3, 0); bq, bk, bv = s.in_proj_bias.chunk(3, 0)
        q = F.linear(x, wq, bq).unsqueeze(1); k = F.linear(c, wk, bk).unsqueeze(1); v = F.linear(c, wv, bv).unsqueeze(1)
        logits = (q / math.sqrt(H)) @ k.transpose(-1, -2)
        a = logits.masked_fill(~allowed, NEG).softmax(-1) * allowed
        return s.out_proj((a @ v).squeeze(1))


class CrossAttention(nn.Module):
    """semantic-fusion's CA (eq. 8): bias-free Q/K/V, 4 heads, padding keys weigh 0, Dropout(0.2) after the output map."""
    def __init__(s, heads=4, p=0.2):
        super().__init__()
        s.q, s.k, s.v = (linear(H, H, bias=False) for _ in range(3)); s.out = linear(H, H)
        s.heads, s.p = heads, p

    def forward(s, text, other, keys, bias):
        q, k, v = split_heads(s.q(text), s.heads), split_heads(s.k(other), s.heads), split_heads(s.v(other), s.heads)
        w = ((q / math.sqrt(q.shape[-1])) @ k.transpose(-1, -2) + bias).softmax(-1) * keys
        return F.dropout(s.out(merge_heads(w @ v)), s.p, s.training)


class FbpGate(nn.Module):
    """eq. 9-12: g = Linear(o,1)(L2norm(SumPool_k(Dropout(U I_m * V I_t)))); sigmoid(g) per step."""
    def __init__(s, o=32, k=2, p=0.4):
        super().__init__()
        s.u, s.v = linear(H, o * k, bias=False), linear(H, o * k, bias=False); s.out = linear(o, 1)
        s.o, s.k, s.p = o, k, p

    def forward(s, shared, shared_text):
        z = F.dropout(s.u(shared) * s.v(shared_text), s.p, s.training)
        pooled = z.view(z.shape[0], z.shape[1], s.o, s.k).sum(3)
        return torch.sigmoid(s.out(pooled / pooled.norm(dim=2, keepdim=True).clamp(min=1e-12)))


class Stream(nn.Module):
    """y = LN(CA(T, S_m) * gate(I_m, I_t) + T)"""
    def __init__(s):
        super().__init__(); s.attention, s.gate, s.norm = CrossAttention(), FbpGate(), nn.LayerNorm(H)

    def forward(s, text, other, keys, bias, shared, shared_text):
        gate = s.gate(shared, shared_text)
        return s.norm(s.attention(text, other, keys, bias) * gate + text), gate.squeeze(2)


class SemanticFusion(nn.Module):
    def __init__(s):
        super().__init__(); s.audio, s.vision = Stream(), Stream(); s.register_buffer('pe', sinusoid(TT, H))

    def forward(s, private, shared, valid):         # dicts of [B,T,H]; every modality has the text's lengths here
        keys = valid.float().view(valid.shape[0], 1, 1, -1); bias = (keys - 1) * 1e9
        query = zero_padding(private['text'], valid) + s.pe
        shared_text = zero_padding(shared['text'], valid)
        streams, gates = [], []
        for name, stream in (('audio', s.audio), ('vision', s.vision)):
            y, g = stream(query, zero_padding(private[name], valid) + s.pe, keys, bias,
                          zero_padding(shared[name], valid), shared_text)
            streams.append(y); gates.append(g)
        return torch.cat(streams, 2), gates


class Sati(nn.Module):
    def __init__(s, unaligned):
        super().__init__()
        relu_ln = lambda d: Projection(d, F.relu, True)
        s.text = relu_ln(DT)
        s.audio_encoder, s.audio = TransformerEncoder(DA), relu_ln(DA)
        s.vision_encoder, s.vision = TransformerEncoder(DV), relu_ln(DV)
        s.align = nn.ModuleDict(dict(audio=WSAM(), vision=WSAM())) if unaligned else None
        s.private = nn.ModuleDict({m: Projection(H, torch.sigmoid, False) for m in ('text', 'audio', 'vision')})
        s.shared = Projection(H, torch.sigmoid, False)                      # E_I: one module for the three
        s.fusion = SemanticFusion()
        s.context = TransformerEncoder(2 * H)
        s.head = nn.Sequential(linear(2 * H, H), nn.ReLU(), nn.Dropout(0.6), linear(H, 1))

    def forward(s, b):
        lt = b['lt']; valid = mask_of(lt, TT)
        projected = dict(text=s.text(b['text']), audio=s.audio(s.audio_encoder(b['audio'], b['la'])),
                         vision=s.vision(s.vision_encoder(b['vision'], b['lv'])))
        if s.align is not None:                                              # every modality now has the text's lengths
            for m, lkey in (('audio', 'la'), ('vision', 'lv')):
                projected[m] = s.align[m](projected['text'], lt, projected[m], b[lkey])
        lengths = dict(text=lt, audio=lt if s.align is not None else b['la'], vision=lt if s.align is not None else b['lv'])
        taps = {}
        for m, x in projected.items():
            taps[f'{m}.private'], taps[f'{m}.shared'] = s.private[m](x), s.shared(x)
            seq = torch.cat([taps[f'{m}.private'], taps[f'{m}.shared']], 2)
            taps[f'{m}.sequence'] = seq
            taps[f'{m}.pooled'] = valid_mean(seq, mask_of(lengths[m], seq.shape[1]))
        private = {m: taps[f'{m}.private'] for m in projected}
        shared = {m: taps[f'{m}.shared'] for m in projected}
        fused, taps['gates'] = s.fusion(private, shared, valid)
        joint = valid_mean(s.context(fused, lt), valid)
        return s.head(joint), taps, lengths


# ----------------------------------------------------------------------------------------------- objectives
def cmd(taps, lengths, moments=5):
    """eq. 2 between the time-means of the shared codes, mean over the pairs."""
    means = [valid_mean(taps[f'{m}.shared'], mask_of(lengths[m], TT)) for m in ('text', 'audio', 'vision')]
    def discrepancy(x, y):
        mx, my = x.mean(0), y.mean(0)
        total = (mx - my).norm(); cx, cy = x - mx, y - my; px, py = cx, cy
        for _ in range(2, moments + 1):
            px, py = px * cx, py * cy
            total = total + (px.mean(0) - py.mean(0)).norm()
        return total
    pairs = [(0, 1), (0, 2), (1, 2)]
    return sum(discrepancy(means[i], means[j]) for i, j in pairs) / len(pairs)


class GradientReversal(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lam):
        ctx.lam = lam; return x.view_as(x)

    @staticmethod
    def backward(ctx, g):
        return -ctx.lam * g, None


class Discriminator(nn.Module):
    """eq. 3-5: per kind of codes, time-means -> GRL -> Linear, ReLU, Dropout(0.6, always on) -> additive angular
    margin (ArcFace, with the cosine-margin extension past pi - tau) against W [3, 128]; CE; summed over the kinds."""
    def __init__(s, hidden=128, scale=30.0, margin=0.5, p=0.6):
        super().__init__()
        s.hidden = linear(H, hidden)
        bound = math.sqrt(12.0 / (3 + hidden))                             # DJL's XavierInitializer(): avg fan, 6
        s.classifier = nn.Parameter(torch.empty(3, hidden).uniform_(-bound, bound))
        s.scale, s.margin, s.p = scale, margin, p

    def forward(s, taps, lengths):
        total = 0
        for code in ('shared', 'private'):
            inputs = torch.cat([valid_mean(taps[f'{m}.{code}'], mask_of(lengths[m], TT))
                                for m in ('text', 'audio', 'vision')], 0)
            labels = torch.arange(3).repeat_interleave(inputs.shape[0] // 3)
            f = F.dropout(F.relu(s.hidden(GradientReversal.apply(inputs, 1.0))), s.p, True)
            cosine = (F.normalize(f, dim=1, eps=1e-12) @ F.normalize(s.classifier, dim=1, eps=1e-12).t()).clamp(-1, 1)
            sine = (1 - cosine.square()).clamp(min=1e-12).sqrt()
            shifted = cosine * math.cos(s.margin) - sine * math.sin(s.margin)
            extended = cosine - (1 - math.cos(s.margin))
            target = torch.where(cosine > math.cos(math.pi - s.margin), shifted, extended)
            onehot = F.one_hot(labels, 3).float()
            total = total + F.cross_entropy(s.scale * (cosine + onehot * (target - cosine)), labels)
        return total


def temporal_invariance(x, lengths, eps=1e-10):
    """eq. 6-7, masked: JSD between the batch-averaged feature softmaxes of adjacent steps, over samples valid at both."""
    valid = mask_of(lengths, x.shape[1])
    dist = zero_padding(x, valid).softmax(2)
    vf = valid.float(); both = vf[:, :-1] * vf[:, 1:]
    samples = both.sum(0); weights = (both / samples.clamp(min=1)).unsqueeze(2)
    p, q = (dist[:, :-1] * weights).sum(0), (dist[:, 1:] * weights).sum(0)
    kl = lambda a, b: (a * ((a + eps).log() - (b + eps).log())).sum(-1)
    m = 0.5 * (p + q); jsd = 0.5 * (kl(p, m) + kl(q, m))
    pairs = (samples > 0).float()
    return (jsd * pairs).sum() / pairs.sum().clamp(min=1)


WEIGHTS = dict(mse=1.0, cmd=1.0, discriminator=0.4, ti=1.0)


def objectives(pred, score, taps, lengths, disc):
    return dict(mse=(pred.squeeze(1) - score).square().mean(), cmd=cmd(taps, lengths),
                discriminator=disc(taps, lengths),
                ti=temporal_invariance(taps['vision.sequence'], lengths['vision']))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--warmup', type=int, default=2); ap.add_argument('--eval-reps', type=int, default=5)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--unaligned', action='store_true', help="mosi-like's raw frames, aligned to the words by wsam")
    ap.add_argument('--npz', default='', help="read Mosaic's own testbed export instead of random data")
    profiling.add_argument(ap)
    ap.add_argument('--losses', action='store_true', help='print each objective per timed step (a sanity check)')
    a = ap.parse_args()
    profile = profiling.Profile.of(a.profile)
    torch.set_num_threads(a.threads); torch.manual_seed(1111); g = torch.Generator().manual_seed(1111)
    ta, tv = UNALIGNED if a.unaligned else ALIGNED
    train, valid = (load_npz(a.npz, 'train'), load_npz(a.npz, 'valid')) if a.npz \
        else (make_split(1284, g, ta, tv), make_split(229, g, ta, tv))
    assert train['audio'].shape[1:] == (ta, DA) and train['vision'].shape[1:] == (tv, DV), 'the data do not fit the preset'
    model, disc = Sati(a.unaligned), Discriminator()
    nparams, ndisc = sum(p.numel() for p in model.parameters()), sum(p.numel() for p in disc.parameters())
    assert (nparams, ndisc) == (PARAMS[a.unaligned], DISCRIMINATOR_PARAMS), \
        f'parameters {nparams} + {ndisc}, Mosaic has {PARAMS[a.unaligned]} + {DISCRIMINATOR_PARAMS}'
    params = list(model.parameters()) + list(disc.parameters())
    opt = torch.optim.Adam(params, lr=5e-4)
    order = torch.randperm(1284, generator=g); B = a.batch; nb = 1284 // B

    def step(s):
        model.train()
        b = gather(train, order[(s % nb) * B:(s % nb + 1) * B])
        pred, taps, lengths = model(b)
        losses = objectives(pred, b['score'], taps, lengths, disc)
        total = sum(WEIGHTS[k] * v for k, v in losses.items())
        values = {k: v.item() for k, v in losses.items()}; value = total.item()
        total.backward()
        nn.utils.clip_grad_value_(params, 1.0); opt.step(); opt.zero_grad(set_to_none=False)
        return value, values

    def evaluate():
        model.eval()
        with torch.no_grad():
            b = gather(valid, torch.arange(229))
            pred, taps, lengths = model(b)
            losses = objectives(pred, b['score'], taps, lengths, disc)
            return pred.squeeze(1).tolist(), sum(WEIGHTS[k] * v for k, v in losses.items()).item()

    for s in range(a.warmup): step(s)
    times, seen = [], []
    with profile.phase('train', times):
        for s in range(a.warmup, a.warmup + a.steps):
            t0 = time.perf_counter(); value, values = step(s); times.append(time.perf_counter() - t0); seen.append(values)
    ev = []
    with profile.phase('evaluate', ev):
        for _ in range(a.eval_reps):
            t0 = time.perf_counter(); _, eval_loss = evaluate(); ev.append(time.perf_counter() - t0)
    med, emed = median(times), median(ev)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'torch {torch.__version__} threads {torch.get_num_threads()} sati {"unaligned (mosi-like, wsam)" if a.unaligned else "aligned (mosi-aligned)"} '
          f'data={a.npz or "random"} params {nparams} + discriminator {ndisc} batch {B}')
    print(f'train step  median {med:.3f} s, mean {sum(times)/len(times):.3f} s, min {min(times):.3f} s over {a.steps} steps '
          f'({a.warmup} warm-up)  steps: {" ".join(f"{t:.3f}" for t in times)}')
    print(f'train       {B/med:.1f} samples/s')
    print(f'evaluate    {229/emed:.1f} samples/s (229 validation samples in median {emed:.3f} s, first {ev[0]:.3f} s, '
          f'{a.eval_reps} reps)')
    print(f'peak memory {rss:.0f} MiB resident (ru_maxrss)')
    profile.finish('sati', threads=torch.get_num_threads())
    if a.losses:
        for s, values in enumerate(seen, a.warmup + 1):
            print(f'step {s:3d}  ' + '  '.join(f'{k} {v:.4f}' for k, v in values.items()))
        print(f'valid loss (weighted sum) {eval_loss:.4f}')


if __name__ == '__main__':
    main()
