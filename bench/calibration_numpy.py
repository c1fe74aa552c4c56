#!/usr/bin/env python3
"""Brown-Warner calibration in vectorised numpy: the design and computation of
`sputnik simulate calibration` (src/simulate/calibration*.ts), written the way a numpy user
would, for the speed comparison in bench/calibration.mjs. numpy and the standard library only.

Same design: the fixture firms with as-traded closes against SPY on SPY's trading days, simple
returns on the adjusted close, firm-events drawn as (firm uniformly, then one of its feasible
event days uniformly, no repeated firm-event within a trial), market model fitted by OLS on
offsets [-260, -11] from prefix sums, event window [-5, 5], shifts 0, 0.5, 1, 2 % added to the
day-0 abnormal return, the ten tests of the battery on day 0 at 5 % two-sided.
Same computation: each distinct firm-event drawn is fitted and ranked once (its residuals,
ranks, and the ranks after each shift), then every trial aggregates (portfolio series,
cross-sectional statistics, rank sums, same-day correlations, signed ranks).
The random numbers are numpy's (PCG64), not the library's: the rates agree statistically, not
to the digit.

Usage: python3 bench/calibration_numpy.py [--trials 1000] [--firms 50] [--seed 1]
Prints one JSON object: {"ms": computation time (after reading the CSV files), "trials",
"firms", "rejection": {...}, "analytic": [...]}.
"""
import argparse
import csv
import json
import math
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
UNIVERSE = ['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'ASML', 'ARM', 'MRVL', 'ORCL', 'SMCI', 'VST', 'CEG', 'MSFT', 'GOOGL', 'META', 'AMZN']
MARKET = 'SPY'
EST = (-260, -11)
WIN = (-5, 5)
SHIFTS = [0.0, 0.005, 0.01, 0.02]
ALPHA = 0.05
TESTS = ['bw1980', 'bw1985', 'crossSectionalT', 'patell', 'bmp', 'kolariPynnonen', 'sign', 'generalizedSign', 'corradoRank', 'wilcoxon']


def read_prices(symbol):
    """(dates, basis price, has an as-traded close) of fixtures/prices/SYMBOL.csv."""
    with open(ROOT / 'fixtures' / 'prices' / f'{symbol}.csv', newline='') as fh:
        rows = list(csv.DictReader(fh))
    adj = [r['adj_close'] for r in rows]
    close = [r['close'] for r in rows]
    basis = adj if any(a != '' for a in adj) else close
    price = np.array([float(v) if v != '' else np.nan for v in basis])
    return [r['date'] for r in rows], price, any(c != '' for c in close)


# --- distributions, standard library only ---------------------------------------------------

def _betacf(a, b, x):
    """Continued fraction of the regularized incomplete beta (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-16:
            break
    return h


def _betainc(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1 - x) / b


def t_cdf(t, df):
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2, 0.5, x)
    return tail if t < 0 else 1 - tail


def t_quantile(p, df):
    lo, hi = -50.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def norm_cdf(z):
    return 0.5 * math.erfc(-z / math.sqrt(2))


def norm_quantile(p):
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if norm_cdf(mid) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def sign_region(K):
    """c[m]: largest count of positives with exact two-sided p < alpha among m values (-1: none)."""
    c = np.full(K + 1, -1)
    for m in range(1, K + 1):
        total = 2 ** m
        cum = 0
        for k in range(0, (m - 1) // 2 + 1):
            cum += math.comb(m, k)
            if min(1.0, 2 * cum / total) < ALPHA:
                c[m] = k
            else:
                break
    return c


def wilcoxon_region(m):
    """reject[w] for W+ = w among m values without ties (exact distribution by counting subsets)."""
    total = m * (m + 1) // 2
    counts = np.zeros(total + 1, dtype=object)
    counts[0] = 1
    for r in range(1, m + 1):
        counts[r:] = counts[r:] + counts[:-r].copy()
    probs = np.array([float(v) for v in counts]) / 2.0 ** m
    low = np.cumsum(probs)
    up = np.cumsum(probs[::-1])[::-1]
    return np.minimum(1.0, 2 * np.minimum(low, up)) < ALPHA


# --- the calibration ----------------------------------------------------------------------------

def calibrate(prices, trials, K, seed):
    spy_dates, spy_price, _ = prices[MARKET]
    T = len(spy_dates)
    pos = {d: i for i, d in enumerate(spy_dates)}

    def returns(p):
        out = np.full(len(p), np.nan)
        out[1:] = p[1:] / p[:-1] - 1
        return out

    m = returns(spy_price)
    firms, R = [], []
    for sym in UNIVERSE:
        dates, price, has_close = prices[sym]
        if not has_close:
            continue
        on_cal = np.full(T, np.nan)
        for d, v in zip(dates, price):
            if d in pos:
                on_cal[pos[d]] = v
        firms.append(sym)
        R.append(returns(on_cal))
    r = np.array(R)
    F = len(firms)
    n = EST[1] - EST[0] + 1
    L = WIN[1] - WIN[0] + 1
    M = n + L
    d0 = n - WIN[0]
    df = n - 2

    # Feasible event days: every firm and market return of both windows present.
    bad = np.isnan(r) | np.isnan(m)[None, :]
    cum = np.concatenate([np.zeros((F, 1), dtype=int), np.cumsum(bad, axis=1)], axis=1)
    e = np.arange(T)
    ok_range = (e + EST[0] >= 0) & (e + WIN[1] < T)
    ec = np.clip(e, -EST[0], T - 1 - WIN[1])
    clean = lambda a, b: (cum[:, b + 1] - cum[:, a]) == 0
    feasible = ok_range[None, :] & clean(ec + EST[0], ec + EST[1]) & clean(ec + WIN[0], ec + WIN[1])
    events = [np.nonzero(feasible[f])[0] for f in range(F)]
    counts = np.array([len(x) for x in events])
    starts = np.concatenate([[0], np.cumsum(counts)])
    pool_day = np.concatenate(events)

    rz = np.nan_to_num(r)
    mz = np.nan_to_num(m)
    pr = np.concatenate([np.zeros((F, 1)), np.cumsum(rz, axis=1)], axis=1)
    prr = np.concatenate([np.zeros((F, 1)), np.cumsum(rz * rz, axis=1)], axis=1)
    prm = np.concatenate([np.zeros((F, 1)), np.cumsum(rz * mz[None, :], axis=1)], axis=1)
    pm = np.concatenate([[0.0], np.cumsum(mz)])
    pmm = np.concatenate([[0.0], np.cumsum(mz * mz)])

    # Draws: a firm, then one of its feasible days; no firm-event twice in a trial.
    rng = np.random.default_rng(seed)
    f = rng.integers(0, F, size=(trials, K))
    g = starts[f] + (rng.random((trials, K)) * counts[f]).astype(np.int64)
    sg = np.sort(g, axis=1)
    for t in np.nonzero((sg[:, 1:] == sg[:, :-1]).any(axis=1))[0]:
        while len(np.unique(g[t])) < K:
            srt = np.sort(g[t])
            dup = srt[1:][srt[1:] == srt[:-1]][0]
            j = np.nonzero(g[t] == dup)[0][-1]
            ff = rng.integers(0, F)
            g[t, j] = starts[ff] + int(rng.random() * counts[ff])

    # Each distinct firm-event once: fit, residuals, ranks, ranks after each shift.
    u, inv = np.unique(g, return_inverse=True)
    inv = inv.reshape(trials, K)
    ef = np.searchsorted(starts, u, side='right') - 1
    ed = pool_day[u]
    s = ed + EST[0]
    eu = s + n
    Sx = pm[eu] - pm[s]
    Sy = pr[ef, eu] - pr[ef, s]
    Sxx = pmm[eu] - pmm[s] - Sx * Sx / n
    Syy = prr[ef, eu] - prr[ef, s] - Sy * Sy / n
    Sxy = prm[ef, eu] - prm[ef, s] - Sx * Sy / n
    b = Sxy / Sxx
    a = (Sy - b * Sx) / n
    sigma2 = (Syy - b * Sxy) / df
    idx = np.concatenate([s[:, None] + np.arange(n)[None, :], (ed + WIN[0])[:, None] + np.arange(L)[None, :]], axis=1)
    res = r[ef[:, None], idx] - a[:, None] - b[:, None] * m[idx]
    ar0 = res[:, d0]
    x0 = m[ed] - Sx / n
    sd0 = np.sqrt(sigma2 * (1 + 1 / n + x0 * x0 / Sxx))
    frac = (res[:, :n] > 0).mean(axis=1)
    # Estimation residuals centred and scaled to unit length: a correlation is a dot product.
    zres = res[:, :n] - res[:, :n].mean(axis=1, keepdims=True)
    zres /= np.sqrt((zres * zres).sum(axis=1, keepdims=True))
    upper = np.triu(np.ones((K, K), dtype=bool), 1)
    order = np.argsort(res, axis=1)
    srt = np.take_along_axis(res, order, axis=1)
    if np.any(srt[:, 1:] == srt[:, :-1]):
        raise SystemExit('ties in a firm-event row: this benchmark does not implement mid-ranks')
    ranks = np.empty_like(order, dtype=np.int16)
    np.put_along_axis(ranks, order, np.broadcast_to(np.arange(1, M + 1, dtype=np.int16), order.shape), axis=1)
    ranks_by_shift = []
    for d in SHIFTS:
        if d == 0:
            ranks_by_shift.append(ranks)
            continue
        passed = (res > ar0[:, None]) & (res < (ar0 + d)[:, None])
        rk = ranks - passed.astype(np.int16)
        rk[:, d0] += passed.sum(axis=1).astype(np.int16)
        ranks_by_shift.append(rk)

    # Critical values and exact regions.
    q = 1 - ALPHA / 2
    crit_bw = t_quantile(q, n - 1)
    crit_cs = t_quantile(q, K - 1)
    crit_z = norm_quantile(q)
    sign_c = sign_region(K)
    wil = wilcoxon_region(K) if K <= 50 else None

    rejected = np.zeros((len(TESTS), len(SHIFTS)), dtype=np.int64)
    sigma2_sum = 0.0
    batch = 100
    for t0 in range(0, trials, batch):
        gi = inv[t0:t0 + batch]
        B = gi.shape[0]
        sigma2_sum += sigma2[gi].mean(axis=1).sum()
        port = res[gi, :n].sum(axis=1) / K
        port_sd = port.std(axis=1, ddof=1)
        arK = ar0[gi]
        sdK = sd0[gi]
        ar_mean = arK.mean(axis=1)
        ar_sd = arK.std(axis=1, ddof=1)
        p_hat = frac[gi].mean(axis=1)
        # Kolari & Pynnönen: mean correlation over all pairs, zero unless the event days match.
        days = ed[gi]
        same = (days[:, :, None] == days[:, None, :]) & upper[None, :, :]
        bi, i, j = np.nonzero(same)
        corr = np.einsum('ij,ij->i', zres[gi[bi, i]], zres[gi[bi, j]])
        r_bar = np.bincount(bi, weights=corr, minlength=B) / (K * (K - 1) / 2)
        for si, d in enumerate(SHIFTS):
            bw = (ar_mean + d) / port_sd
            rejected[0, si] += (np.abs(bw) > crit_bw).sum()
            rejected[1, si] += (np.abs(bw) > crit_bw).sum()
            cs = (ar_mean + d) / (ar_sd / math.sqrt(K))
            rejected[2, si] += (np.abs(cs) > crit_cs).sum()
            z = (arK + d) / sdK
            patell = z.sum(axis=1) / math.sqrt(K * df / (df - 2))
            rejected[3, si] += (np.abs(patell) > crit_z).sum()
            bmp = z.mean(axis=1) / (z.std(axis=1, ddof=1) / math.sqrt(K))
            rejected[4, si] += (np.abs(bmp) > crit_cs).sum()
            kp = bmp * np.sqrt((1 - r_bar) / (1 + (K - 1) * r_bar))
            rejected[5, si] += (np.abs(kp) > crit_cs).sum()
            x = arK + d
            pos = (x > 0).sum(axis=1)
            c = sign_c[K]
            rejected[6, si] += ((pos <= c) | (pos >= K - c)).sum()
            gs = (pos - K * p_hat) / np.sqrt(K * p_hat * (1 - p_hat))
            rejected[7, si] += (np.abs(gs) > crit_z).sum()
            S = (ranks_by_shift[si][gi].astype(np.float64) / (M + 1) - 0.5).sum(axis=1)
            rank_s = np.sqrt((S * S / K).sum(axis=1) / M)
            rank = S[:, d0] / math.sqrt(K) / rank_s
            rejected[8, si] += (np.abs(rank) > crit_z).sum()
            w_ranks = np.argsort(np.argsort(np.abs(x), axis=1), axis=1) + 1
            w = (w_ranks * (x > 0)).sum(axis=1)
            if wil is not None:
                rejected[9, si] += wil[w].sum()
            else:
                zw = (w - K * (K + 1) / 4) / math.sqrt(K * (K + 1) * (2 * K + 1) / 24)
                rejected[9, si] += (np.abs(zw) > crit_z).sum()
    sigma_a = math.sqrt(sigma2_sum / trials / K)
    zq = norm_quantile(q)
    analytic = [norm_cdf(-zq - d / sigma_a) + 1 - norm_cdf(zq - d / sigma_a) for d in SHIFTS]
    return {name: (rejected[k] / trials).tolist() for k, name in enumerate(TESTS)}, analytic, len(u)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--trials', type=int, default=1000)
    ap.add_argument('--firms', type=int, default=50)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    prices = {s: read_prices(s) for s in UNIVERSE + [MARKET]}
    t0 = time.perf_counter()
    c0 = time.process_time()
    rejection, analytic, distinct = calibrate(prices, args.trials, args.firms, args.seed)
    ms = (time.perf_counter() - t0) * 1000
    cpu = (time.process_time() - c0) * 1000
    print(json.dumps({'ms': ms, 'cpuMs': cpu, 'trials': args.trials, 'firms': args.firms, 'seed': args.seed, 'distinctFirmEvents': distinct, 'rejection': rejection, 'analytic': analytic}))


if __name__ == '__main__':
    main()
