#!/usr/bin/env python3
"""Independent reference answers for the event-study tests.

Written separately from the TypeScript code, straight from the textbook formulas
(Campbell, Lo & MacKinlay 1997, ch. 4), with numpy's least squares and scipy's Student t.
Reads the fixture CSVs itself, aligns dates itself, and writes tests/reference/studies.json.
Run it by hand when a case is added: python3 scripts/reference.py
"""
import csv, json, math, os
import numpy as np
from scipy import stats

ROOT = os.path.join(os.path.dirname(__file__), '..')


def read_prices(sym, drop=()):
    with open(os.path.join(ROOT, 'fixtures', 'prices', f'{sym}.csv')) as f:
        rows = [r for r in csv.DictReader(f) if r['date'] not in drop]
    use_adj = any(r['adj_close'] != '' for r in rows)
    col = 'adj_close' if use_adj else 'close'
    return {r['date']: (float(r[col]), float(r['close']) if r['close'] else None) for r in rows}


def read_ff3():
    with open(os.path.join(ROOT, 'fixtures', 'FF3.csv')) as f:
        return {r['date']: [float(r[k]) / 100 for k in ('mkt_rf', 'smb', 'hml', 'rf')] for r in csv.DictReader(f)}


def study(firm, market, event, est, win, model='market', kind='simple', shares=None, car=None, est_dates=None, win_dates=None, drop=None):
    drop = drop or {}
    F, M = read_prices(firm, drop.get(firm, ())), read_prices(market, drop.get(market, ()))
    ff = read_ff3() if model == 'ff3' else None
    # The study's days (README, "Trading days"): from the later first date to the earlier last
    # date (of the factor file too), every date on which the firm or the benchmark has a price.
    lo = max(min(F), min(M), *( [min(ff)] if ff else [] ))
    hi = min(max(F), max(M), *( [max(ff)] if ff else [] ))
    dates = sorted(d for d in set(F) | set(M) if lo <= d <= hi)
    ev = next(i for i, d in enumerate(dates) if d >= event)
    def ret(P, i):
        # A return needs the price of the day and of the day before; else it is missing (NaN).
        if dates[i] not in P or dates[i - 1] not in P or (ff is not None and (dates[i] not in ff)):
            return float('nan')
        a, b = P[dates[i - 1]][0], P[dates[i]][0]
        return math.log(b / a) if kind == 'log' else b / a - 1
    if est_dates:
        lo = next(i for i, d in enumerate(dates) if d >= est_dates[0]); hi = max(i for i, d in enumerate(dates) if d <= est_dates[1])
        est = (lo - ev, hi - ev)
    if win_dates:
        lo = next(i for i, d in enumerate(dates) if d >= win_dates[0]); hi = max(i for i, d in enumerate(dates) if d <= win_dates[1])
        win = (lo - ev, hi - ev)
    E = [i for i in range(ev + est[0], ev + est[1] + 1) if not math.isnan(ret(F, i)) and not math.isnan(ret(M, i))]
    W = range(ev + win[0], ev + win[1] + 1)
    y = np.array([ret(F, i) for i in E]); rm = np.array([ret(M, i) for i in E])
    yw = np.array([ret(F, i) for i in W]); rmw = np.array([ret(M, i) for i in W])
    n = len(y)
    out = {'firm': firm, 'market': market, 'model': model, 'returns': kind, 'eventDate': dates[ev]}
    if model == 'market':
        # closed form, CLM eq. 4.4.3-4.4.9
        mx = rm.mean(); Sxx = ((rm - mx) ** 2).sum()
        beta = ((rm - mx) * (y - y.mean())).sum() / Sxx; alpha = y.mean() - beta * mx
        resid = y - alpha - beta * rm; df = n - 2; s2 = (resid ** 2).sum() / df
        expw = alpha + beta * rmw
        var1 = s2 * (1 + 1 / n + (rmw - mx) ** 2 / Sxx)
        def carvar(sl):
            L = len(rmw[sl]); S = rmw[sl].sum()
            return s2 * (L + L * L / n + (S - L * mx) ** 2 / Sxx)
        r2 = 1 - (resid ** 2).sum() / ((y - y.mean()) ** 2).sum()
        weight_var = lambda w, sl: s2 * ((w ** 2).sum() + (w.sum()) ** 2 / n + ((w * (rmw[sl] - mx)).sum()) ** 2 / Sxx)
    elif model == 'ff3':
        X = np.array([[1] + ff[dates[i]][:3] for i in E]); rf = np.array([ff[dates[i]][3] for i in E])
        Xw = np.array([[1] + ff[dates[i]][:3] for i in W]); rfw = np.array([ff[dates[i]][3] for i in W])
        b, *_ = np.linalg.lstsq(X, y - rf, rcond=None)
        resid = y - rf - X @ b; df = n - 4; s2 = (resid ** 2).sum() / df
        XtXi = np.linalg.inv(X.T @ X)
        alpha, beta = b[0], b[1]
        expw = rfw + Xw @ b
        var1 = s2 * (1 + np.einsum('ij,jk,ik->i', Xw, XtXi, Xw))
        def carvar(sl):
            s = Xw[sl].sum(axis=0); return s2 * (len(Xw[sl]) + s @ XtXi @ s)
        r2 = 1 - (resid ** 2).sum() / (((y - rf) - (y - rf).mean()) ** 2).sum()
        weight_var = lambda w, sl: s2 * ((w ** 2).sum() + (w @ Xw[sl]) @ XtXi @ (w @ Xw[sl]))
    elif model == 'market-adjusted':
        a = y - rm; df = n - 1; s2 = a.var(ddof=1); alpha, beta, r2 = 0.0, 1.0, None
        expw = rmw; var1 = np.full(len(W), s2)
        carvar = lambda sl: s2 * len(rmw[sl]); weight_var = lambda w, sl: s2 * (w ** 2).sum()
    elif model == 'constant-mean':
        # CLM 1997 s. 4.4.2, constant-mean model: V = sigma^2 (I + 1 1' / n); the estimated mean adds sigma^2/n to each
        # day's variance and (sum w)^2 sigma^2 / n to a weighted sum's.
        df = n - 1; s2 = y.var(ddof=1); alpha, beta, r2 = y.mean(), 0.0, None
        expw = np.full(len(W), y.mean()); var1 = np.full(len(W), s2 * (1 + 1 / n))
        carvar = lambda sl: s2 * (len(rmw[sl]) + len(rmw[sl]) ** 2 / n); weight_var = lambda w, sl: s2 * ((w ** 2).sum() + w.sum() ** 2 / n)
    arw = yw - expw; se = np.sqrt(var1); t = arw / se
    p = 2 * stats.t.cdf(-np.abs(t), df)
    q = stats.t.ppf(0.975, df)
    out['estimation'] = {'start': dates[E[0]], 'end': dates[E[-1]], 'n': n, 'df': df, 'alpha': float(alpha), 'beta': float(beta),
                         'sigma': math.sqrt(s2), 'r2': None if r2 is None else float(r2)}
    days = []
    for k, i in enumerate(W):
        sl = slice(0, k + 1); cv = carvar(sl); c = arw[sl].sum()
        days.append({'date': dates[i], 'offset': win[0] + k, 'return': float(yw[k]), 'expected': float(expw[k]), 'ar': float(arw[k]),
                     'se': float(se[k]), 't': float(t[k]), 'p': float(p[k]), 'lo': float(arw[k] - q * se[k]), 'hi': float(arw[k] + q * se[k]),
                     'car': float(c), 'carT': float(c / math.sqrt(cv)), 'carP': float(2 * stats.t.cdf(-abs(c / math.sqrt(cv)), df))})
    out['window'] = days
    cw = car or win
    sl = slice(cw[0] - win[0], cw[1] - win[0] + 1)
    c = arw[sl].sum(); cse = math.sqrt(carvar(sl))
    out['car'] = {'from': cw[0], 'to': cw[1], 'value': float(c), 'se': cse, 't': c / cse, 'p': float(2 * stats.t.cdf(-abs(c / cse), df)),
                  'lo': c - q * cse, 'hi': c + q * cse}
    if shares is None:
        with open(os.path.join(ROOT, 'fixtures', 'facts.json')) as f:
            shares = json.load(f)['shares_outstanding'].get(firm, {}).get('value')
    # Dollar figures use the day's simple returns: e^r - 1 for log returns (README, "Dollar impact").
    simple = (lambda r: np.expm1(r)) if kind == 'log' else (lambda r: r)
    if shares:
        k0 = -win[0]
        p_before, p_after = F[dates[ev - 1]][1], F[dates[ev]][1]
        v = shares * p_before
        ab = -v * (simple(yw[k0]) - simple(expw[k0]))
        w = np.array([v * (math.exp(yw[k0]) if kind == 'log' else 1)])
        abse = math.sqrt(weight_var(w, slice(k0, k0 + 1)))
        out['loss'] = {'shares': shares, 'priceBefore': p_before, 'raw': -shares * (p_after - p_before), 'expected': float(-v * simple(expw[k0])),
                       'abnormal': float(ab), 'abnormalLo': float(ab - q * abse), 'abnormalHi': float(ab + q * abse)}
        # whole window, dollar abnormal return on the previous as-traded close
        prev = np.array([F[dates[i - 1]][1] for i in W]) * shares
        wab = float(-(prev * (simple(yw) - simple(expw))).sum())
        wse = math.sqrt(weight_var(prev * (np.exp(yw) if kind == 'log' else 1), slice(0, len(W))))
        out['windowLoss'] = {'raw': -shares * (F[dates[W[-1]]][1] - F[dates[W[0] - 1]][1]), 'expected': float(-(prev * simple(expw)).sum()),
                             'abnormal': wab, 'abnormalLo': wab - q * wse, 'abnormalHi': wab + q * wse}
    bh_f = np.prod(1 + yw) - 1 if kind == 'simple' else math.expm1(yw.sum())
    bh_e = np.prod(1 + expw) - 1 if kind == 'simple' else math.expm1(expw.sum())
    bh_m = np.prod(1 + rmw) - 1 if kind == 'simple' else math.expm1(rmw.sum())
    out['bhar'] = float(bh_f - bh_e)
    out['bharBenchmark'] = float(bh_f - bh_m)
    out['estimation']['n'] = n
    return out


CASES = {
    'flagship': dict(args=['study', '--json'], kw=dict(firm='NVDA', market='SPY', event='2025-01-27', est=(-260, -11), win=(-5, 5), shares=24490000000)),
    'amd-qqq-ff3-weekend': dict(args=['study', '--firm', 'AMD', '--market', 'QQQ', '--event', '2025-01-25', '--estimation=-120,-6', '--window=-2,2', '--model', 'ff3', '--json'],
                                kw=dict(firm='AMD', market='QQQ', event='2025-01-25', est=(-120, -6), win=(-2, 2), model='ff3')),
    'msft-gspc-log-dates': dict(args=['study', '--firm', 'MSFT', '--market', 'GSPC', '--event', '2024-07-31', '--estimation-dates=2023-06-01:2024-05-31', '--window-dates=2024-07-26:2024-08-07', '--returns', 'log', '--car=0,3', '--shares', '7433038381', '--json'],
                                kw=dict(firm='MSFT', market='GSPC', event='2024-07-31', est=None, win=None, kind='log', car=(0, 3), shares=7433038381, est_dates=('2023-06-01', '2024-05-31'), win_dates=('2024-07-26', '2024-08-07'))),
    'meta-spy-adjusted': dict(args=['study', '--firm', 'META', '--market', 'SPY', '--event', '2022-02-03', '--estimation=-150,-21', '--window=-3,10', '--model', 'market-adjusted', '--json'],
                              kw=dict(firm='META', market='SPY', event='2022-02-03', est=(-150, -21), win=(-3, 10), model='market-adjusted')),
    'avgo-smh-mean': dict(args=['study', '--firm', 'AVGO', '--market', 'SMH', '--event', '2024-12-13', '--estimation=-200,-20', '--window=-1,1', '--model', 'constant-mean', '--json'],
                          kw=dict(firm='AVGO', market='SMH', event='2024-12-13', est=(-200, -20), win=(-1, 1), model='constant-mean')),
    # SPY's file without 2024-06-03 (a trading day): that day and the next have no return and are
    # left out of the estimation window; the offsets still count the day.
    'spy-gap-in-estimation': dict(args=['study', '--data', '{DATA}', '--json'], drop={'SPY': ['2024-06-03']},
                                  kw=dict(firm='NVDA', market='SPY', event='2025-01-27', est=(-260, -11), win=(-5, 5), shares=24490000000, drop={'SPY': ['2024-06-03']})),
    'nvda-ndx-market-short': dict(args=['study', '--firm', 'NVDA', '--market', 'NDX', '--event', '2024-05-22', '--estimation=-60,-2', '--window=0,4', '--shares', '24490000000', '--json'],
                                  kw=dict(firm='NVDA', market='NDX', event='2024-05-22', est=(-60, -2), win=(0, 4), shares=24490000000)),
}

if __name__ == '__main__':
    res = {name: {'args': c['args'], **({'drop': c['drop']} if 'drop' in c else {}), 'expected': study(**c['kw'])} for name, c in CASES.items()}
    with open(os.path.join(ROOT, 'tests', 'reference', 'studies.json'), 'w') as f:
        json.dump(res, f, indent=1)
        f.write('\n')
    print('wrote', len(res), 'cases')
