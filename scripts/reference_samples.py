#!/usr/bin/env python3
"""Independent reference answers for the multi-firm test battery (src/samples/).

Written from the papers' formulas (docs/sample-tests.md lists them), not from the TypeScript:
numpy arrays in an (firms x days) matrix layout, scipy for ranks (rankdata), distributions
(t, norm, binomtest) and the exact Wilcoxon distribution where scipy has it; the exact
signed-rank distribution with ties is obtained here by enumerating every sign pattern.

Inputs are market-model abnormal returns of real firms against SPY computed here from the
recorded prices in fixtures/prices/*.csv (simple returns on adj_close; OLS with numpy's lstsq;
eventCov = s^2 (I + X* (X'X)^-1 X*'), Campbell, Lo & MacKinlay 1997 eq. 4.4.8). Some samples
delete chosen returns (to exercise the missing-data rules) or round the abnormal returns to a
grid (to create ties and zeros for the rank tests); each sample says which.

Writes tests/reference/samples.json. Run by hand when a case is added:
    python3 scripts/reference_samples.py
"""
import csv
import itertools
import json
import math
import os

import numpy as np
from scipy import stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
TESTS = ['bw1980', 'bw1985', 'crossSectionalT', 'patell', 'bmp', 'kolariPynnonen',
         'sign', 'generalizedSign', 'corradoRank', 'wilcoxon']


# ---------------------------------------------------------------- data and the market model

def prices(sym):
    with open(os.path.join(ROOT, 'fixtures', 'prices', f'{sym}.csv')) as f:
        rows = list(csv.DictReader(f))
    col = 'adj_close' if any(r['adj_close'] for r in rows) else 'close'
    return {r['date']: float(r[col]) for r in rows if r[col] not in ('', None)}


def firm_input(sym, event, est, win, market='SPY', drop=(), grid=None):
    """Market-model abnormal returns of `sym` around `event`.

    est, win: offsets (trading days of the firm/market common calendar).
    drop: offsets whose return is treated as missing (deleted before the fit).
    grid: if set, abnormal returns are rounded to multiples of `grid` after the fit.
    """
    P, M = prices(sym), prices(market)
    dates = sorted(set(P) & set(M))
    e = next(i for i, d in enumerate(dates) if d >= event)
    r = lambda S, i: S[dates[i]] / S[dates[i - 1]] - 1.0
    est_idx = list(range(e + est[0], e + est[1] + 1))
    win_idx = list(range(e + win[0], e + win[1] + 1))
    dropped = {e + o for o in drop}
    keep = [i for i in est_idx if i not in dropped]
    y = np.array([r(P, i) for i in keep])
    X = np.column_stack([np.ones(len(keep)), [r(M, i) for i in keep]])
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ b
    n, k = X.shape
    s2 = resid @ resid / (n - k)
    Xw = np.column_stack([np.ones(len(win_idx)), [r(M, i) for i in win_idx]])
    V = s2 * (np.eye(len(win_idx)) + Xw @ np.linalg.inv(X.T @ X) @ Xw.T)
    est_ar = {i: v for i, v in zip(keep, resid)}
    estimation = np.array([est_ar.get(i, np.nan) for i in est_idx])
    event_ar = np.array([np.nan if i in dropped else r(P, i) - Xw[j] @ b for j, i in enumerate(win_idx)])
    if grid:
        estimation = np.round(estimation / grid) * grid
        event_ar = np.round(event_ar / grid) * grid
    return {
        'symbol': sym, 'eventDate': dates[e],
        'estimation': estimation, 'estimationDates': [dates[i] for i in est_idx],
        'event': event_ar, 'sigma': math.sqrt(s2), 'df': n - k, 'eventCov': V,
    }


# ---------------------------------------------------------------- the tests, from the papers

def res_t(stat, df):
    return {'stat': float(stat), 'p': float(2 * stats.t.sf(abs(stat), df))}


def res_z(stat):
    return {'stat': float(stat), 'p': float(2 * stats.norm.sf(abs(stat)))}


def exact_signed_rank_p(ranks, w):
    """Two-sided p of W+ = w by enumerating the 2^n sign patterns of the (mid)ranks."""
    ranks = np.asarray(ranks, dtype=float)
    n = len(ranks)
    pats = np.array(list(itertools.product([0, 1], repeat=n)), dtype=float)
    W = pats @ ranks
    lo = np.mean(W <= w + 1e-9)
    hi = np.mean(W >= w - 1e-9)
    return min(1.0, 2 * min(lo, hi))


def wilcoxon(x):
    x = np.asarray(x, dtype=float)
    x = x[x != 0]
    n = len(x)
    if n == 0:
        return None
    rk = stats.rankdata(np.abs(x))  # mid-ranks
    w = rk[x > 0].sum()
    _, counts = np.unique(np.abs(x), return_counts=True)
    var = n * (n + 1) * (2 * n + 1) / 24 - ((counts ** 3 - counts).sum()) / 48
    z = (w - n * (n + 1) / 4) / math.sqrt(var)
    if n <= 16:
        p = exact_signed_rank_p(rk, w)
    elif n <= 50:
        assert (counts == 1).all(), 'ties with 16 < n <= 50: no independent exact p here'
        p = stats.wilcoxon(x, method='exact').pvalue
    else:
        p = 2 * stats.norm.sf(abs(z))
    return {'stat': float(z), 'p': float(p)}


def sign_test(x):
    x = np.asarray(x, dtype=float)
    x = x[x != 0]
    n = len(x)
    if n == 0:
        return None
    k = int((x > 0).sum())
    return {'stat': float((k - n / 2) / math.sqrt(n / 4)), 'p': float(stats.binomtest(k, n, 0.5).pvalue)}


def cross_t(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    if n < 2 or np.std(x, ddof=1) == 0:
        return None
    return res_t(x.mean() / (np.std(x, ddof=1) / math.sqrt(n)), n - 1)


class Sample:
    def __init__(self, window, firms):
        self.window = window
        self.firms = firms
        self.N = len(firms)
        self.L = window[1] - window[0] + 1
        self.maxE = max(len(f['estimation']) for f in firms)
        # estimation matrix aligned on each firm's last estimation day (event time)
        self.E = np.full((self.N, self.maxE), np.nan)
        for i, f in enumerate(firms):
            self.E[i, self.maxE - len(f['estimation']):] = f['estimation']
        self.A = np.array([f['event'] for f in firms])
        self.SE = np.array([np.sqrt(np.diag(f['eventCov'])) for f in firms])
        # Corrado ranks over the combined window, U - 1/2, aligned like E then the event days
        self.U = np.full((self.N, self.maxE + self.L), np.nan)
        for i, f in enumerate(firms):
            c = np.concatenate([f['estimation'], f['event']])
            ok = ~np.isnan(c)
            u = np.full(len(c), np.nan)
            u[ok] = stats.rankdata(c[ok]) / (ok.sum() + 1) - 0.5
            self.U[i, self.maxE - len(f['estimation']):] = u

    def portfolio_sd(self, rows, balanced):
        E = self.E[rows]
        have = ~np.isnan(E)
        cols = have.all(axis=0) if balanced else have.any(axis=0)
        series = np.nanmean(E[:, cols], axis=0) if cols.any() else np.array([])
        return (np.std(series, ddof=1) if len(series) > 1 else np.nan), len(series)

    def rank_sd(self, rows):
        U = self.U[rows]
        cnt = (~np.isnan(U)).sum(axis=0)
        cols = cnt > 0
        ubar = np.nansum(U[:, cols], axis=0) / np.sqrt(cnt[cols])
        return math.sqrt(np.mean(ubar ** 2))

    def rbar(self, rows):
        n = len(rows)
        if n < 2:
            return 0.0
        tot = 0.0
        for a, b in itertools.combinations(rows, 2):
            fa, fb = self.firms[a], self.firms[b]
            if fa['eventDate'] != fb['eventDate']:
                continue
            da = dict(zip(fa['estimationDates'], fa['estimation']))
            db = dict(zip(fb['estimationDates'], fb['estimation']))
            common = [d for d in da if d in db and not np.isnan(da[d]) and not np.isnan(db[d])]
            assert len(common) >= 3
            tot += np.corrcoef([da[d] for d in common], [db[d] for d in common])[0, 1]
        return tot / (n * (n - 1) / 2)

    def p_hat(self, rows):
        return float(np.mean([np.mean(f['estimation'][~np.isnan(f['estimation'])] > 0) for f in (self.firms[i] for i in rows)]))

    def battery(self, rows, x, z, patell_num, patell_var, rank_num, L):
        """x: AR or CAR per firm of `rows`; z: standardized; the rest pre-aggregated."""
        n = len(rows)
        out = {}
        for name, balanced in (('bw1980', True), ('bw1985', False)):
            sd, T = self.portfolio_sd(rows, balanced)
            out[name] = res_t(np.mean(x) / (math.sqrt(L) * sd), T - 1) if T >= 2 and sd > 0 else None
        out['crossSectionalT'] = cross_t(x)
        out['patell'] = res_z(patell_num / math.sqrt(patell_var))
        bmp = cross_t(z)
        out['bmp'] = bmp
        if bmp is None:
            out['kolariPynnonen'] = None
        else:
            r = self.rbar(rows)
            kp = bmp['stat'] * math.sqrt((1 - r) / (1 + (n - 1) * r))
            out['kolariPynnonen'] = res_t(kp, n - 1)
        out['sign'] = sign_test(x)
        ph = self.p_hat(rows)
        w = int((np.asarray(x) > 0).sum())
        out['generalizedSign'] = res_z((w - n * ph) / math.sqrt(n * ph * (1 - ph)))
        out['corradoRank'] = res_z(rank_num / (math.sqrt(L) * self.rank_sd(rows)))
        out['wilcoxon'] = wilcoxon(x)
        return out

    def daily(self):
        res = []
        allrows = list(range(self.N))
        for t in range(self.L):
            rows = [i for i in allrows if not np.isnan(self.A[i, t])]
            x = self.A[rows, t]
            z = x / self.SE[rows, t]
            q = sum(f['df'] / (f['df'] - 2) for f in (self.firms[i] for i in rows))
            tests = self.battery(rows, x, z, z.sum(), q, 0.0, 1)
            # BW 1985 and Corrado's deviation use every firm on a daily test
            sd85, T85 = self.portfolio_sd(allrows, False)
            tests['bw1985'] = res_t(x.mean() / sd85, T85 - 1)
            u = self.U[rows, self.maxE + t]
            tests['corradoRank'] = res_z((u.sum() / math.sqrt(len(rows))) / self.rank_sd(allrows))
            res.append({'offset': self.window[0] + t, 'aar': float(x.mean()), 'n': len(rows), 'tests': tests})
        return res

    def caar(self, a, b):
        t0, t1 = a - self.window[0], b - self.window[0]
        sl = slice(t0, t1 + 1)
        Lw = t1 - t0 + 1
        rows = [i for i in range(self.N) if not np.isnan(self.A[i, sl]).any()]
        excluded = [self.firms[i]['symbol'] for i in range(self.N) if i not in rows]
        car = self.A[rows, sl].sum(axis=1)
        scar = np.array([car[k] / math.sqrt(self.firms[i]['eventCov'][sl, sl].sum()) for k, i in enumerate(rows)])
        sar_sum = (self.A[rows, sl] / self.SE[rows, sl]).sum()
        q = sum(Lw * f['df'] / (f['df'] - 2) for f in (self.firms[i] for i in rows))
        U = self.U[rows][:, self.maxE + t0:self.maxE + t1 + 1]
        rank_num = (U.sum(axis=0) / math.sqrt(len(rows))).sum()
        tests = self.battery(rows, car, scar, sar_sum, q, rank_num, Lw)
        return {'from': a, 'to': b, 'caar': float(car.mean()), 'n': len(rows), 'excluded': excluded, 'tests': tests}


# ---------------------------------------------------------------- the samples

def jnum(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def to_json_firm(f):
    return {
        'symbol': f['symbol'], 'eventDate': f['eventDate'],
        'estimation': [jnum(v) for v in f['estimation']], 'estimationDates': f['estimationDates'],
        'event': [jnum(v) for v in f['event']], 'sigma': f['sigma'], 'df': f['df'],
        'eventCov': [float(v) for v in np.asarray(f['eventCov']).ravel()],
    }


def sample(name, description, window, firms, caars):
    s = Sample(window, firms)
    return {
        'name': name, 'description': description, 'window': list(window),
        'firms': [to_json_firm(f) for f in firms],
        'daily': s.daily(), 'caar': [s.caar(a, b) for a, b in caars],
    }


def main():
    DS = '2025-01-27'
    out = []
    chips = ['NVDA', 'AMD', 'AVGO', 'MSFT', 'META', 'TSM', 'MU', 'MRVL']
    out.append(sample(
        'clustered', 'eight firms, one event day (27 January 2025), market model vs SPY, estimation [-120, -11]',
        (-3, 3), [firm_input(s, DS, (-120, -11), (-3, 3)) for s in chips],
        [(-3, 3), (0, 0), (-1, 1), (0, 3)]))
    out.append(sample(
        'clustered-missing',
        'seven firms on 27 January 2025 with deleted returns (AMD estimation -50, -51; NVDA -30; ASML event +1; SMCI event -2) '
        'and shorter estimation windows (ARM [-90, -11], ORCL [-100, -11])',
        (-3, 3), [
            firm_input('NVDA', DS, (-120, -11), (-3, 3), drop=(-30,)),
            firm_input('AMD', DS, (-120, -11), (-3, 3), drop=(-50, -51)),
            firm_input('AVGO', DS, (-120, -11), (-3, 3)),
            firm_input('ASML', DS, (-120, -11), (-3, 3), drop=(1,)),
            firm_input('ARM', DS, (-90, -11), (-3, 3)),
            firm_input('SMCI', DS, (-120, -11), (-3, 3), drop=(-2,)),
            firm_input('ORCL', DS, (-100, -11), (-3, 3)),
        ],
        [(-3, 3), (0, 0), (-1, 0), (1, 2)]))
    out.append(sample(
        'non-clustered', 'seven firm-events on six different days (AMD and MSFT share 2024-07-31), estimation [-150, -21]',
        (-2, 2), [
            firm_input('NVDA', '2024-05-23', (-150, -21), (-2, 2)),
            firm_input('AMD', '2024-07-31', (-150, -21), (-2, 2)),
            firm_input('MSFT', '2024-07-31', (-150, -21), (-2, 2)),
            firm_input('META', '2024-10-31', (-150, -21), (-2, 2)),
            firm_input('AVGO', '2024-12-13', (-150, -21), (-2, 2)),
            firm_input('GOOGL', '2024-04-26', (-150, -21), (-2, 2)),
            firm_input('AMZN', '2024-08-02', (-150, -21), (-2, 2)),
        ],
        [(-2, 2), (0, 1)]))
    twelve = ['NVDA', 'AMD', 'AVGO', 'MSFT', 'META', 'TSM', 'MU', 'MRVL', 'ASML', 'GOOGL', 'AMZN', 'ORCL']
    out.append(sample(
        'rounded-ties', 'twelve firms on 27 January 2025, abnormal returns rounded to 0.5 % (ties and zeros for the rank tests), estimation [-60, -11]',
        (-3, 3), [firm_input(s, DS, (-60, -11), (-3, 3), grid=0.005) for s in twelve],
        [(-3, 3), (0, 0), (1, 1)]))
    many = ['AMD', 'AMZN', 'ARM', 'ASML', 'AVGO', 'CEG', 'GOOGL', 'META', 'MRVL', 'MSFT', 'MU', 'NVDA', 'ORCL', 'SMCI', 'TSM', 'VST']
    days = ['2024-03-15', '2024-06-14', '2024-09-13', '2024-12-13']
    out.append(sample(
        'many-events', 'sixteen firms on each of four days (64 firm-events, clustered by day), estimation [-60, -11]: the Wilcoxon normal approximation',
        (-1, 1), [firm_input(s, d, (-60, -11), (-1, 1)) for d in days for s in many],
        [(-1, 1), (0, 0)]))
    # Exact signed-rank p-values (scipy's exact distribution, no ties) of real abnormal returns:
    # the last n estimation-window residuals of NVDA, shifted by +0.2 % so that p varies.
    nvda = firm_input('NVDA', DS, (-120, -11), (-3, 3))['estimation']
    signed = []
    for n in (17, 25, 40, 50):
        x = nvda[-n:] + 0.002
        r = stats.wilcoxon(x, method='exact')
        rk = stats.rankdata(np.abs(x))
        w = rk[x > 0].sum()
        signed.append({'x': x.tolist(), 'wPlus': float(w), 'p': float(r.pvalue)})
    with open(os.path.join(ROOT, 'tests', 'reference', 'samples.json'), 'w') as f:
        json.dump({'generator': 'scripts/reference_samples.py', 'samples': out, 'signedRank': signed}, f, indent=1)
        f.write('\n')
    for s in out:
        zeros = sum(1 for d in s['daily'] for f in s['firms'] if f['event'][d['offset'] - s['window'][0]] == 0)
        print(s['name'], len(s['firms']), 'firms,', 'zero ARs in the event window:', zeros)


if __name__ == '__main__':
    main()
