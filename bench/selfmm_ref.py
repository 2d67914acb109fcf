"""Mosaic's `self-mm` assembly (plugins/models/.../assemblies/self-mm.yaml, pipeline SelfMmNetwork) in plain PyTorch,
op for op as Mosaic computes it, at the testbed's mosi-like shapes (text 50 x 32, audio 375 x 5, vision 500 x 20; true
lengths a shared fraction U[0.4, 1] of the padded length; 1284 train / 229 valid samples), regression, batch 16.

Encoders (the pooled vectors h_m): text pointwise-projection Linear(32, 768) with bias, LayerNorm(768), then
masked-mean-pool; audio and vision lstm (MMSA's sLSTM: LSTM(5, 16) / LSTM(20, 32) with torch's two biases, the state
at each sample's last valid step, Dropout(0), Linear(16, 16) / Linear(32, 32)). Fusion: concat [h_t; h_a; h_v] (816).
Four towers, as SelfMmNetwork runs them (fusion, then text, audio, vision): features Dropout(p), Linear(in, d), ReLU
(F_f, F_t, F_a, F_v; p 0 / 0.1 / 0.1 / 0, d 128 / 32 / 16 / 32), then the mlp head Linear(d, d), ReLU, Dropout(0),
Linear(d, 1). Initialisation as Mosaic's: DJL's default N(0, 2 / fan_in) weights and zero biases in every Linear,
LayerNorm gamma 1 and beta 0, the lstm's weights DJL's XavierInitializer() (uniform, bound sqrt(12 / (fan_in +
fan_out))) and zero biases. 186,212 parameters (README "Self-MM"; asserted).

Objectives (Trainer.weightedLoss, each value read as Trainer.backward does): l1 (mean |y_M - y|) + ulgm (Ulgm.loss:
sum_s mean_i tanh(|y^s_i - y^f_i|) |y_s,i - y^s_i| against the generated labels before the step's update). After the
backward pass ULGM's memories move as Ulgm.update does (LabelMemory, FeatureMemory; reference/mmsa.md §3.4): from
epoch 2 each sample's labels move towards the estimate from the previous step's centres, then its features are
stored and every centre is recomputed over the whole memory. Adam (torch.optim.Adam's coupled L2 weight decay, as
Mosaic's Adam) over the assembly's groups: text's weight lr 1e-3 and decay 1e-3, text's bias and LayerNorm lr 1e-3
without decay, audio and vision lr 5e-3, the rest lr 1e-3; all with decay 1e-3 but the text exemptions. accumulate 4:
one Adam step per 4 batches, after which the gradients are zeroed.

One timed step, as Trainer.benchmark times Trainer.step: batch s of the first epoch (s counted from the first warm-up
step, wrapping after 80 batches; ULGM's epoch is 1, so its labels do not move and its loss is 0, as in Mosaic's
benchmark): gather the batch, forward (training), l1 and ulgm, backward, ULGM's update, and, when (s + 1) % 4 == 0, the
Adam step and the zeroing of the gradients. Evaluation (timed separately), as Evaluator.evaluate: the 229 valid samples
in one batch (eval-batch 256), one forward without autograd, l1 + ulgm (0 on samples outside the training split).

--lstm padded (default) runs the fused nn.LSTM over the padded batch up to its longest length and reads each sample's
state at its length - 1 (Mosaic's numbers); packed runs it on pack_padded_sequence, as MMSA does; stepwise writes out
LstmEncoder's own loop (one step of gates, cell and state at a time, a select on each sample's length).
--coral is `coral-ulgm` (coral-ulgm.yaml: self-mm plus the objective coral, pairs V-A, dim 16, weight 1): F_v [B, 32]
and F_a [B, 16] each projected to d = 16 by a trained Linear without bias (ProjectedCoral: 512 + 256 = 768 parameters,
counted apart, asserted; DJL's default initialisation; in the default optimizer group), then CORAL(V, A) = |C_V -
C_A|_F^2 / (4 d^2) with C the unbiased covariance of the centred rows (Coral.distance). It is one more term of the
step's and of the evaluation's loss.
--check runs ULGM on UlgmTest's hand case (six samples, three epochs) and checks its labels, centres, loss and
gradient against the values that test asserts, and checks that the three --lstm modes give the same outputs and
gradients.

  /usr/bin/python3 selfmm_ref.py [--threads 2] [--steps 20] [--warmup 3] [--lstm padded|packed|stepwise]
                                 [--eval-reps 5] [--npz FILE] [--losses] [--check] [--coral]
"""
import argparse, math, os, resource, time
import torch, torch.nn as nn
import profiling
from stats import median
import checkpoint
from torch.nn.utils.rnn import pack_padded_sequence

TT, TA, TV = 50, 375, 500           # padded steps
DT, DA, DV = 32, 5, 20              # feature widths
MODALITIES = ('text', 'audio', 'vision')
PARAMS, TEXT_PARAMS = 186_212, 26_880     # README "Self-MM": the whole model on mosi-like, its text projection
CORAL_PARAMS, CORAL_DIM = 768, 16       # `mosaic validate coral-ulgm`: "and 768 in objectives"
BATCH, ACCUMULATE, TRAIN, VALID = 16, 4, 1284, 229
EPOCH = 1                           # Trainer.benchmark takes every step in epoch 1


# ----------------------------------------------------------------------------------------------- data (untimed)
def make_split(n, g):
    """Random features in mosi-like shapes, zero padding, lengths = max(min, round(f * T)), f ~ U[0.4, 1]."""
    f = 0.4 + 0.6 * torch.rand(n, generator=g)
    lengths = [torch.clamp((f * T).round().long(), min=m) for T, m in ((TT, 3), (TA, 1), (TV, 1))]
    xs = []
    for (T, d), L in zip(((TT, DT), (TA, DA), (TV, DV)), lengths):
        x = torch.randn(n, T, d, generator=g)
        xs.append(x * mask_of(L, T).unsqueeze(2))
    score = torch.rand(n, generator=g) * 6 - 3
    return dict(text=xs[0], audio=xs[1], vision=xs[2], lt=lengths[0], la=lengths[1], lv=lengths[2], score=score,
                row=torch.arange(n))


def load_npz(path, split):
    """The same samples Mosaic trains on: `mosaic data testbed --preset mosi-like --seed 1111 --out FILE.npz`."""
    import numpy as np
    d = np.load(path)
    t = lambda k: torch.from_numpy(np.ascontiguousarray(d[f'{split}_{k}']))
    score = t('regression_labels')
    return dict(text=t('text'), audio=t('audio'), vision=t('vision'), lt=t('text_bert')[:, 1].sum(1),
                la=t('audio_lengths'), lv=t('vision_lengths'), score=score, row=torch.arange(score.shape[0]))


def gather(split, idx):
    return {k: v.index_select(0, idx) for k, v in split.items()}


def mask_of(lengths, T):
    return torch.arange(T)[None, :] < lengths[:, None]


def linear(i, o):
    """DJL's default initialisation, which Mosaic's Linear.builder() layers get: weights N(0, 2 / fan_in), zero bias."""
    l = nn.Linear(i, o); nn.init.normal_(l.weight, 0.0, math.sqrt(2.0 / i)); nn.init.zeros_(l.bias)
    return l


# ----------------------------------------------------------------------------------------------- encoders
class TextEncoder(nn.Module):
    """pointwise-projection (768, bias, layer-norm): LN(W x_t + b) per step; masked-mean-pool over the valid steps."""
    def __init__(s, dim=768):
        super().__init__(); s.projection, s.norm = linear(DT, dim), nn.LayerNorm(dim)

    def forward(s, x, lengths):
        valid = mask_of(lengths, x.shape[1]).unsqueeze(2)
        y = s.norm(s.projection(x))
        return torch.where(valid, y, torch.zeros(())).sum(1) / valid.sum(1).clamp(min=1)


class SLstm(nn.Module):
    """lstm (LstmEncoder): the LSTM's state h_n at each sample's last valid step, Dropout(0), Linear(hidden, out)."""
    def __init__(s, din, hidden, out, mode):
        super().__init__()
        s.rnn, s.mode = nn.LSTM(din, hidden, batch_first=True), mode
        s.dropout, s.linear = nn.Dropout(0.0), linear(hidden, out)
        for name, p in s.rnn.named_parameters():
            if name.startswith('weight'):               # XavierInitializer(): sqrt(6 / ((fan_in + fan_out) / 2))
                bound = math.sqrt(12.0 / sum(p.shape)); nn.init.uniform_(p, -bound, bound)
            else:
                nn.init.zeros_(p)

    def forward(s, x, lengths):
        if s.mode == 'packed':                          # MMSA's AuViSubNet
            _, (h, _) = s.rnn(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
            last = h[0]
        elif s.mode == 'padded':                        # steps past the longest length change no state: not run
            out, _ = s.rnn(x[:, :int(lengths.max())])
            last = out[torch.arange(x.shape[0]), lengths - 1]
        else:
            last = s.stepwise(x, lengths)
        return s.linear(s.dropout(last))

    def stepwise(s, x, lengths):
        """LstmEncoder.run: the input terms of every step at once, then per step t below the longest length
        [i, f, g, o] = x_t W_ih^T + b_ih + b_hh + h W_hh^T, c' = sig(f) c + sig(i) tanh(g), h' = sig(o) tanh(c'),
        both kept only where t < length."""
        r = s.rnn; H = r.hidden_size
        terms = (x @ r.weight_ih_l0.t() + r.bias_ih_l0 + r.bias_hh_l0).split(1, 1)
        advancing = mask_of(lengths, x.shape[1]).unsqueeze(2).expand(-1, -1, H).split(1, 1)
        recurrent = r.weight_hh_l0.t()
        h = torch.zeros(x.shape[0], H); c = h
        for t in range(int(lengths.max())):
            gates = terms[t].squeeze(1) + h @ recurrent
            i, f, _, o = torch.sigmoid(gates).split(H, 1)
            cell = f * c + i * gates[:, 2 * H:3 * H].tanh()
            advances = advancing[t].squeeze(1)
            h = torch.where(advances, o * cell.tanh(), h)
            c = torch.where(advances, cell, c)
        return h


class Tower(nn.Module):
    """One of Self-MM's heads: features F = ReLU(W1 Dropout(x) + b1), then the mlp head W3 ReLU(W2 F + b2) + b3."""
    def __init__(s, din, d, p):
        super().__init__()
        s.features = nn.Sequential(nn.Dropout(p), linear(din, d), nn.ReLU())
        s.head = nn.Sequential(linear(d, d), nn.ReLU(), nn.Dropout(0.0), linear(d, 1))

    def forward(s, x):
        f = s.features(x); return f, s.head(f)


class SelfMm(nn.Module):
    def __init__(s, mode):
        super().__init__()
        s.text, s.audio, s.vision = TextEncoder(), SLstm(DA, 16, 16, mode), SLstm(DV, 32, 32, mode)
        s.fusion = Tower(768 + 16 + 32, 128, 0.0)
        s.towers = nn.ModuleDict(dict(text=Tower(768, 32, 0.1), audio=Tower(16, 16, 0.1), vision=Tower(32, 32, 0.0)))

    def forward(s, b):
        """The taps ULGM and l1 read: F_f and y_M, then per modality F_m and y_m."""
        pooled = dict(text=s.text(b['text'], b['lt']), audio=s.audio(b['audio'], b['la']),
                      vision=s.vision(b['vision'], b['lv']))
        features, prediction = s.fusion(torch.cat([pooled[m] for m in MODALITIES], 1))
        taps = {'features.fusion': features, 'prediction': prediction}
        for m in MODALITIES:
            taps[f'features.{m}'], taps[f'prediction.{m}'] = s.towers[m](pooled[m])
        return taps


def parameter_groups(model):
    """train.optimizer.groups (ParameterGroups.of): text's weight; text's bias and LayerNorm without decay; audio and
    vision at lr 5e-3; the default group (the four towers) at the optimizer's lr 1e-3 and decay 1e-3."""
    text_exempt = [model.text.projection.bias, model.text.norm.weight, model.text.norm.bias]
    groups = [dict(params=[model.text.projection.weight]), dict(params=text_exempt, weight_decay=0.0),
              dict(params=list(model.audio.parameters()), lr=5e-3), dict(params=list(model.vision.parameters()), lr=5e-3),
              dict(params=list(model.fusion.parameters()) + list(model.towers.parameters()))]
    grouped = [p for g in groups for p in g['params']]
    assert len({id(p) for p in grouped}) == len(grouped) == len(list(model.parameters())), 'a parameter is in no group or two'
    return groups


# ----------------------------------------------------------------------------------------------- CORAL
class ProjectedCoral(nn.Module):
    """coral-ulgm's objective: pairs V-A, F_v and F_a projected to d by trained maps without bias, CORAL between them."""
    def __init__(s, d=CORAL_DIM):
        super().__init__()
        s.audio, s.vision = nn.Linear(16, d, bias=False), nn.Linear(32, d, bias=False)   # Mosaic's order
        for l in (s.audio, s.vision):
            nn.init.normal_(l.weight, 0.0, math.sqrt(2.0 / l.in_features))

    @staticmethod
    def covariance(x):
        centred = x - x.mean(0, keepdim=True)
        return centred.t() @ centred / (x.shape[0] - 1)

    def forward(s, taps):
        a, b = s.vision(taps['features.vision']), s.audio(taps['features.audio'])
        if a.shape[0] < 2:
            return a.sum() * 0
        return (s.covariance(a) - s.covariance(b)).square().sum() / (4.0 * a.shape[1] ** 2)


# ----------------------------------------------------------------------------------------------- ULGM
class Ulgm:
    """Mosaic's ulgm (Ulgm, LabelMemory, FeatureMemory), distance l2, clamp H, exclude-zero: per training sample (a row
    of the training split) y^f, y^s per modality (y^f at the start), and a feature memory [N, d] (float32, zeros until
    written) for the fusion and each modality, whose class centres (float64) are recomputed over the whole memory."""
    EPSILON = 1e-8

    def __init__(s, labels, modalities=3, clamp=3.0, weights=None):
        s.multimodal = labels.double()
        s.generated = labels.double().repeat(modalities, 1)         # [S, N]
        s.clamp, s.weights = clamp, weights or [1.0] * modalities
        s.memories, s.centres = None, None

    def loss(s, rows, scores, predictions):
        """sum_s v_s mean_i tanh(|y^s_i - y^f_i|) |y_s,i - y^s_i|; rows None: samples outside the training split, whose
        label is y^f, so they weigh tanh(0) = 0."""
        yf = scores.double()
        total = torch.zeros(())
        for k, predicted in enumerate(predictions):
            ys = yf if rows is None else s.generated[k, rows]
            w = torch.tanh((ys - yf).abs()).float()
            total = total + (w * (predicted.reshape(-1) - ys.float()).abs()).mean() * s.weights[k]
        return total

    def update(s, rows, features, epoch):
        """LabelMemory.update: from epoch 2 the batch's labels move (step 4), then its features are stored (step 5) and
        every centre is recomputed (step 6)."""
        features = [f.detach().float() for f in features]
        if s.memories is None:
            s.memories = [torch.zeros(s.multimodal.shape[0], f.shape[1]) for f in features]
        if epoch > 1:
            s.generate(rows, features, epoch)
        for memory, f in zip(s.memories, features):
            memory[rows] = f
        s.centres = [s.centres_of(memory, labels) for memory, labels in zip(s.memories, [s.multimodal, *s.generated])]

    def generate(s, rows, features, epoch):
        """delta = (D- - D+) / (D+ + eps); y~_s = 1/2 y^f delta_s / (delta_f + eps) + 1/2 (y^f + delta_s - delta_f),
        clamped to +-H; y^s <- (n - 1)/(n + 1) y^s + 2/(n + 1) y~_s."""
        keep, take = (epoch - 1.0) / (epoch + 1.0), 2.0 / (epoch + 1.0)
        fusion, label = s.delta(0, features[0]), s.multimodal[rows]
        for k in range(s.generated.shape[0]):
            delta = s.delta(k + 1, features[k + 1])
            ratio = delta / (fusion + s.EPSILON)
            estimate = 0.5 * ratio * label + 0.5 * (label + delta - fusion)
            s.generated[k, rows] = keep * s.generated[k, rows] + take * estimate.clamp(-s.clamp, s.clamp)

    def delta(s, m, f):
        positive, negative = s.centres[m]
        if positive is None or negative is None:
            raise ValueError(f'memory {m} has an empty {"positive" if positive is None else "negative"} class')
        to_positive = (f.double() - positive).square().sum(1).sqrt()
        to_negative = (f.double() - negative).square().sum(1).sqrt()
        return (to_negative - to_positive) / (to_positive + s.EPSILON)

    @staticmethod
    def centres_of(memory, labels):
        """c+ = mean of the rows labelled > 0 (0 excluded), c- = mean of those < 0; None for an empty class."""
        mean = lambda rows: memory[rows].double().mean(0) if bool(rows.any()) else None
        return mean(labels > 0), mean(labels < 0)


def check_ulgm():
    """UlgmTest's hand case: modalities text (width 2) and audio (width 1), a fusion of width 1, samples a..f in
    batches (a, b, c), (d, e, f); the labels and centres that its tests assert after epochs 2 and 3, within 1e-12,
    and the loss of theLossIsTheTanhWeightedUnimodalL1AgainstTheLabelsBeforeTheStepsUpdate."""
    labels = torch.tensor([2, 1, -1, -2, 0, 1.5])
    features = torch.tensor([
        [[1, 1, 0, 0.5], [0.5, 0, 1, 1], [-0.5, -1, 0, -0.5], [-1, 0, -1, -1], [0, 0.25, 0.25, 0], [0.75, 0.5, 0.5, -0.25]],
        [[1.5, 0.75, 0.25, 0.25], [0.25, 0, 0.5, 1.5], [-0.25, 0.5, 0.5, -1], [-0.5, -0.5, -0.5, -0.5], [0.5, 0, 0, 0.5],
         [1, 1, 0.5, 0]],
        [[1.25, 1, 0.5, 0.75], [0.5, 0.25, 0.75, 0.5], [-1, -0.5, 0.25, -0.75], [-0.75, -1, -0.5, 0.25],
         [0.25, 0.5, 0, -0.5], [0.5, 0.75, 0.75, 0.25]]])
    batches = [torch.tensor([0, 1, 2]), torch.tensor([3, 4, 5])]

    def run_epoch(ulgm, epoch):
        for rows in batches:
            f = features[epoch - 1, rows]
            ulgm.update(rows, [f[:, 0:1], f[:, 1:3], f[:, 3:4]], epoch)

    def expect(actual, expected, what, tolerance=1e-12):
        expected = torch.tensor(expected, dtype=torch.float64)
        error = (actual.double() - expected).abs().max().item()
        assert error < tolerance, f'{what}: {actual.tolist()} against UlgmTest {expected.tolist()}'
        print(f'  {what:34s} max |difference| {error:.1e}')

    ulgm = Ulgm(labels, modalities=2)
    run_epoch(ulgm, 1); run_epoch(ulgm, 2)
    expect(ulgm.generated[1], [8 / 3, 1.0512820549112425, -1.3235294240888122, -1.5657327623587682, 2, -1.5],
           'audio labels after epoch 2')
    expect(ulgm.generated[0], [8 / 3, 1.1573786459725133, 5 / 3, -1.5301005795784977, -0.5862519558088242,
                               -1.0633462923606924], 'text labels after epoch 2')
    run_epoch(ulgm, 3)
    expect(ulgm.generated[1], [17 / 6, 1.9324591687663664, -1.260759573083746, -0.28286639717938344,
                               0.6442307732359467, -0.4374999975625], 'audio labels after epoch 3')
    expect(ulgm.generated[0], [1.1106671166586923, 1.0428202093833159, 0.6053867332829483, -1.1703583241592463,
                               -0.5190547757239569, -0.3505661247646218], 'text labels after epoch 3')
    expect(torch.cat(ulgm.centres[0]), [(1.25 + 0.5 + 0.5) / 3, (-1 - 0.75) / 2], 'fusion centres after epoch 3')
    expect(torch.cat(ulgm.centres[1]), [0.25, 0.5, 1 / 12, 1 / 12], 'text centres after epoch 3')
    expect(torch.cat(ulgm.centres[2]), [0.25, -1 / 12], 'audio centres after epoch 3')

    # After epochs 1 and 2, weights v = (1, 0.5): the loss on (a, b, c) and its gradient in the text predictions,
    # worked from the labels UlgmTest gives for them, as that test does.
    weighted = Ulgm(labels, modalities=2, weights=[1.0, 0.5])
    run_epoch(weighted, 1); run_epoch(weighted, 2)
    text, audio = torch.tensor([[2.5], [1], [0]], requires_grad=True), torch.tensor([3., 2, -1])
    y = torch.tensor([[8 / 3, 1.1573786459725133, 5 / 3], [8 / 3, 1.0512820549112425, -1.3235294240888122]],
                     dtype=torch.float64)
    yf, t = labels[:3].double(), text.detach().squeeze(1).double()
    w = torch.tanh((y - yf).abs())
    loss = weighted.loss(batches[0], labels[:3], [text, audio])
    loss.backward()
    expect(loss.reshape(1), [((w[0] * (t - y[0]).abs() + 0.5 * w[1] * (audio.double() - y[1]).abs()) / 3).sum().item()],
           'loss (float32)', 1e-6)
    expect(text.grad.squeeze(1), (w[0] * torch.sign(t - y[0]) / 3).tolist(), 'its gradient in y_text (float32)', 1e-6)
    print('ULGM reproduces UlgmTest\'s labels, centres and loss')


def check_lstm():
    """The three --lstm modes on one batch of 16 audio (hidden 16) and vision (hidden 32) sequences: the same h_m and,
    in training, the same gradients in every parameter, to float rounding. (libtorch 2.5.1's oneDNN LSTM returns wrong
    states below hidden 32 on AVX-512, which is why Mosaic's lstm is a loop (README, lstm); this checks the torch that
    runs this script.)"""
    batch = make_split(16, torch.Generator().manual_seed(1))
    for name, din, hidden, lengths in (('audio', DA, 16, 'la'), ('vision', DV, 32, 'lv')):
        results = {}
        for mode in ('stepwise', 'padded', 'packed'):
            torch.manual_seed(5); encoder = SLstm(din, hidden, hidden, mode)
            with torch.no_grad():
                evaluated = encoder(batch[name], batch[lengths])
            h = encoder(batch[name], batch[lengths]); h.square().sum().backward()
            results[mode] = [evaluated, h.detach()] + [p.grad for p in encoder.parameters()]
        for mode in ('padded', 'packed'):
            error = max((a - b).abs().max().item() for a, b in zip(results['stepwise'], results[mode]))
            assert error < 1e-5, f'{name}: --lstm {mode} differs from stepwise by {error}'
            print(f'  {name:6s} --lstm {mode:6s} against stepwise: outputs and gradients within {error:.1e}')
    print('the three --lstm modes agree')


# ----------------------------------------------------------------------------------------------- bench
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--steps', type=int, default=20)
    ap.add_argument('--warmup', type=int, default=3); ap.add_argument('--eval-reps', type=int, default=5)
    ap.add_argument('--lstm', default='padded', choices=['padded', 'packed', 'stepwise'])
    ap.add_argument('--npz', default='', help="read Mosaic's own testbed export instead of random data")
    profiling.add_argument(ap)
    ap.add_argument('--losses', action='store_true', help='print each objective per timed step (a sanity check)')
    ap.add_argument('--check', action='store_true',
                    help="check ULGM against UlgmTest's hand case and the --lstm modes against each other, then exit")
    ap.add_argument('--coral', action='store_true', help='coral-ulgm: self-mm plus CORAL between projected F_v and F_a')
    ap.add_argument('--run', default='', help="check the validation loss of a Mosaic run's last checkpoint, then exit")
    a = ap.parse_args()
    profile = profiling.Profile.of(a.profile)
    if a.run and not a.npz:
        ap.error('--run needs --npz FILE, the samples the run read')
    if a.check:
        check_ulgm(); check_lstm(); return
    torch.set_num_threads(a.threads); torch.manual_seed(1111); g = torch.Generator().manual_seed(1111)
    train, valid = (load_npz(a.npz, 'train'), load_npz(a.npz, 'valid')) if a.npz else (make_split(TRAIN, g), make_split(VALID, g))
    sizes = (train['score'].shape[0], valid['score'].shape[0]) if a.run else (TRAIN, VALID)
    assert sizes[1] <= 256, 'the validation split must fit one evaluation batch (eval-batch 256)'
    for split, n in zip((train, valid), sizes):
        assert split['text'].shape == (n, TT, DT) and split['audio'].shape == (n, TA, DA) \
            and split['vision'].shape == (n, TV, DV), f'the data are not mosi-like: {n} samples of text {TT} x {DT}, ' \
            f'audio {TA} x {DA}, vision {TV} x {DV} expected'
        assert int(split['la'].min()) >= 1 and int(split['lv'].min()) >= 1, 'an audio or vision sequence of length 0'
    model = SelfMm(a.lstm)
    nparams, ntext = sum(p.numel() for p in model.parameters()), sum(p.numel() for p in model.text.parameters())
    assert (nparams, ntext) == (PARAMS, TEXT_PARAMS), f'parameters {nparams} (text {ntext}), Mosaic has {PARAMS} ({TEXT_PARAMS})'
    groups = parameter_groups(model)
    coral = ProjectedCoral() if a.coral else None
    if coral is not None:
        ncoral = sum(p.numel() for p in coral.parameters())
        assert ncoral == CORAL_PARAMS, f'coral parameters {ncoral}, Mosaic has {CORAL_PARAMS}'
        groups[-1]['params'] += list(coral.parameters())
    opt = torch.optim.Adam(groups, lr=1e-3, weight_decay=1e-3)
    ulgm = Ulgm(train['score'])

    order = torch.randperm(TRAIN, generator=g); nb = TRAIN // BATCH

    def objectives(b, taps, rows):
        l1 = (taps['prediction'].squeeze(1) - b['score']).abs().mean()
        u = ulgm.loss(rows, b['score'], [taps[f'prediction.{m}'] for m in MODALITIES])
        return (l1, u) if coral is None else (l1, u, coral(taps))

    def step(s):
        model.train()
        b = gather(train, order[(s % nb) * BATCH:(s % nb + 1) * BATCH])
        taps = model(b)
        terms = objectives(b, taps, b['row'])
        total = sum(terms)
        values = dict(total=total.item(), **{k: v.item() for k, v in zip(('l1', 'ulgm', 'coral'), terms)})  # as Trainer.backward reads them
        total.backward()
        ulgm.update(b['row'], [taps[f'features.{m}'] for m in ('fusion',) + MODALITIES], EPOCH)
        if (s + 1) % ACCUMULATE == 0:
            opt.step(); opt.zero_grad(set_to_none=False)
        return values

    def evaluate():
        model.eval()
        with torch.no_grad():
            b = gather(valid, torch.arange(sizes[1]))
            taps = model(b)
            return taps['prediction'].squeeze(1).tolist(), sum(objectives(b, taps, None)).item()

    if a.run:
        trained = list(model.parameters()) + (list(coral.parameters()) if coral is not None else [])
        checkpoint.copy_into(trained, checkpoint.load_checkpoint(os.path.join(a.run, 'checkpoints', 'last.ckpt')), a.run)
        expected, epoch = checkpoint.last_validation_loss(a.run)
        loss = evaluate()[1]
        difference = abs(loss - expected) / max(abs(expected), 1e-12)
        print(f'valid loss on the weights of {a.run} after epoch {epoch}: reference {loss:.6f}, Mosaic {expected:.6f}, '
              f'relative difference {difference:.1e}')
        assert difference < 1e-4, 'the reference does not compute what Mosaic computes'
        return

    for s in range(a.warmup): step(s)
    times, seen = [], []
    with profile.phase('train', times):
        for s in range(a.warmup, a.warmup + a.steps):
            t0 = time.perf_counter(); values = step(s); times.append(time.perf_counter() - t0); seen.append(values)
    ev = []
    with profile.phase('evaluate', ev):
        for _ in range(a.eval_reps):
            t0 = time.perf_counter(); _, eval_loss = evaluate(); ev.append(time.perf_counter() - t0)
    med, emed = median(times), median(ev)
    stepping = [t for s, t in enumerate(times, a.warmup) if (s + 1) % ACCUMULATE == 0]
    others = [t for s, t in enumerate(times, a.warmup) if (s + 1) % ACCUMULATE != 0]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f'torch {torch.__version__} threads {torch.get_num_threads()} {"coral-ulgm" if a.coral else "self-mm"} lstm={a.lstm} '
          f'data={a.npz or "random"} params {nparams}{" + coral " + str(CORAL_PARAMS) if a.coral else ""} batch {BATCH} '
          f'accumulate {ACCUMULATE}')
    print(f'train step  median {med:.4f} s, mean {sum(times)/len(times):.4f} s, min {min(times):.4f} s over {a.steps} steps '
          f'({a.warmup} warm-up)  steps: {" ".join(f"{t:.3f}" for t in times)}')
    if stepping and others:
        print(f'            median {median(others):.4f} s without the Adam step ({len(others)}), '
              f'{median(stepping):.4f} s with it ({len(stepping)})')
    print(f'train       {BATCH/med:.1f} samples/s')
    print(f'evaluate    {VALID/emed:.1f} samples/s ({VALID} validation samples in median {emed:.3f} s, first {ev[0]:.3f} s, '
          f'{a.eval_reps} reps)')
    print(f'peak memory {rss:.0f} MiB resident (ru_maxrss)')
    profile.finish('coral-ulgm' if a.coral else 'self-mm', threads=torch.get_num_threads())
    if a.losses:
        for s, values in enumerate(seen, a.warmup + 1):
            print(f'step {s:3d}  ' + '  '.join(f'{k} {v:.4f}' for k, v in values.items()))
        print(f'valid loss (l1 + ulgm{" + coral" if a.coral else ""}) {eval_loss:.4f}')


if __name__ == '__main__':
    main()
