"""Independent double-precision reference values for LossesTest's SimCLR, MoCo, Barlow Twins,
Sinkhorn and SwAV cases. Plain Python, straight from the definitions in REFERENCE.md ("Losses").
Run: python3 ssl_losses_reference.py"""
import math


def normalize(v):
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v]


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def log_softmax(row):
    m = max(row)
    lse = m + math.log(sum(math.exp(x - m) for x in row))
    return [x - lse for x in row]


def nt_xent(z1, z2, t):
    z = [normalize(v) for v in z1 + z2]
    n, b = len(z), len(z1)
    total = 0.0
    for i in range(n):
        others = [j for j in range(n) if j != i]
        logits = [dot(z[i], z[j]) / t for j in others]
        pos = (i + b) % n
        total -= log_softmax(logits)[others.index(pos)]
    return total / n


def info_nce(q, k, queue, t):
    total = 0.0
    for qi, ki in zip(q, k):
        qn, kn = normalize(qi), normalize(ki)
        logits = [dot(qn, kn) / t] + [dot(qn, r) / t for r in queue]
        total -= log_softmax(logits)[0]
    return total / len(q)


def standardize(z):
    b, d = len(z), len(z[0])
    out = [[0.0] * d for _ in range(b)]
    for j in range(d):
        col = [z[i][j] for i in range(b)]
        mean = sum(col) / b
        var = sum((x - mean) ** 2 for x in col) / b
        for i in range(b):
            out[i][j] = (col[i] - mean) / math.sqrt(var + 1e-5)
    return out


def barlow(z1, z2, lam, scale):
    a, c2 = standardize(z1), standardize(z2)
    b, d = len(z1), len(z1[0])
    loss = 0.0
    for i in range(d):
        for j in range(d):
            c = sum(a[n][i] * c2[n][j] for n in range(b)) / b
            loss += (1 - c) ** 2 if i == j else lam * c * c
    return scale * loss


def sinkhorn(scores, eps, iters):
    b, k = len(scores), len(scores[0])
    q = [[math.exp(scores[s][p] / eps) for s in range(b)] for p in range(k)]  # K x B
    total = sum(map(sum, q))
    q = [[x / total for x in row] for row in q]
    for _ in range(iters):
        q = [[x / sum(row) / k for x in row] for row in q]
        cols = [sum(q[p][s] for p in range(k)) for s in range(b)]
        q = [[q[p][s] / cols[s] / b for s in range(b)] for p in range(k)]
    return [[q[p][s] * b for p in range(k)] for s in range(b)]  # B x K


def swav(s1, s2, t, eps, iters):
    def ce(codes, scores):
        return -sum(dot(c, log_softmax([x / t for x in s])) for c, s in zip(codes, scores)) / len(scores)
    q1, q2 = sinkhorn(s1, eps, iters), sinkhorn(s2, eps, iters)
    return 0.5 * (ce(q1, s2) + ce(q2, s1))


Z1 = [[1.0, 2.0, 0.0], [3.0, -1.0, 0.5], [-0.5, 0.2, 1.0]]
Z2 = [[0.5, 1.0, 0.1], [-2.0, 1.0, 0.3], [0.4, -0.3, 0.9]]
print("nt_xent T=0.5", repr(nt_xent(Z1, Z2, 0.5)))
print("nt_xent T=0.1", repr(nt_xent(Z1, Z2, 0.1)))

Q = [[2.0, 0.0], [3.0, 4.0]]
K = [[0.8, 0.6], [0.0, 2.0]]
QUEUE = [[1.0, 0.0], [0.0, -1.0], [0.6, -0.8]]
print("info_nce T=0.2", repr(info_nce(Q, K, QUEUE, 0.2)))

B1 = [[1.0, 2.0, 0.0], [3.0, -1.0, 0.5], [-0.5, 0.2, 1.0], [0.0, 1.5, -2.0]]
B2 = [[0.5, 1.0, 0.1], [-2.0, 1.0, 0.3], [0.4, -0.3, 0.9], [1.0, 0.0, -1.0]]
print("barlow lambda=0.0051 scale=1", repr(barlow(B1, B2, 0.0051, 1.0)))
print("barlow lambda=0.5 scale=0.1", repr(barlow(B1, B2, 0.5, 0.1)))

S1 = [[0.9, 0.1, -0.2, 0.3], [0.2, 0.8, 0.1, -0.5], [0.0, 0.3, 0.7, 0.1]]
S2 = [[0.7, 0.2, 0.0, 0.1], [0.1, 0.9, -0.3, 0.2], [-0.1, 0.2, 0.6, 0.5]]
print("sinkhorn S1 eps=0.05 iters=3", [[round(x, 9) for x in row] for row in sinkhorn(S1, 0.05, 3)])
print("swav T=0.1 eps=0.05 iters=3", repr(swav(S1, S2, 0.1, 0.05, 3)))
