#!/usr/bin/env python3
"""Reference values for tests/distributions-accuracy.test.ts, computed with 40-digit mpmath.

Independent of the TypeScript code and of @stdlib: the Student t distribution function is the
incomplete beta function of Abramowitz & Stegun 26.7.1 evaluated by mpmath's hypergeometric
series at 40 significant digits (df = 1 and df = 2 by their closed forms), its quantile is found
by bisection/secant on that function to 1e-35, the binomial distribution function is the exact
sum of the probabilities, and the normal distribution function is mpmath's ncdf. Each input is
the double the test uses (decimal strings parse to the same double in Python and JavaScript),
and each output is rounded once to the nearest double. The normal quantile is given twice: by
mpmath and by scipy.special.ndtri (a second, independent oracle).

A sample of the points is recomputed at 60 digits and must round to the same double.

Run by hand when a grid changes:  python3 scripts/distributions-reference.py
It writes tests/reference/distributions.json (about a minute).
"""
import json
import math
import os
import sys

import mpmath as mp
import scipy
from scipy import special as sps
from scipy import stats as sst

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.normpath(os.path.join(ROOT, 'tests', 'reference', 'distributions.json'))
DPS = 40
mp.mp.dps = DPS
HALF = mp.mpf(1) / 2

# ---- grids (the same decimal strings as tests/distributions-accuracy.test.ts) ----
DFS = [1, 1.5, 2, 2.5, 3, 4, 5, 7, 10, 20, 30, 50, 100, 248, 1000, 10000, 100000, 1000000,
       1.23, 3.7, 6.66, 12.34, 77.7, 248.5, 555.5, 3141.59, 31415.9, 271828.18]
T_MANTISSAS = ['1', '1.25', '1.6', '2', '2.5', '3.2', '4', '5', '6.3', '8']
T_MAGNITUDES = ['1e-8'] + [f'{m}e{e}' for e in (-1, 0, 1, 2) for m in T_MANTISSAS] + ['1e3']
DF1_SMALL_T = ['1e-12', '1e-10', '1e-8', '1e-7', '1e-6', '3e-6', '1e-5']
HUGE_T = ['1e100', '1e155', '1e200', '1e300']
TAIL_P = [f'{m}e-{e}' for e in range(1, 301) for m in ('1', '2', '5') if not (m == '5' and e == 1)]
CENTRE_P = ['0.25', '0.3', '0.4', '0.45', '0.49', '0.499', '0.4999999', '0.49999999', '0.4999999999',
            '0.499999999999', '0.49999999999999', '0.4999999999999999', '0.49999999999999994']
UPPER_P = ['0.5000000000000001', '0.50000000000001', '0.500000000001', '0.5000000001', '0.50000001',
           '0.5000001', '0.501', '0.51', '0.55', '0.6', '0.7', '0.75', '0.8', '0.9', '0.95', '0.975',
           '0.99', '0.995', '0.999', '0.9999', '0.99999', '0.999999', '0.9999999', '0.99999999',
           '0.999999999', '0.9999999999', '0.99999999999', '0.999999999999', '0.9999999999999',
           '0.99999999999999', '0.999999999999999', '0.9999999999999999', '0.99999999999999989']
REF_TAIL_P = [f'1e-{e}' for e in (300, 250, 200, 150, 100, 50, 30, 20, 15, 10, 7, 5, 3, 2)] + ['0.025', '0.05', '0.1', '0.2']
BIN_N = [1, 2, 3, 5, 10, 20, 50, 100, 248, 1000, 10000, 100000]
# far lower tails with small k, where @stdlib loses digits or underflows to 0 (found by fuzzing)
BIN_EXTRA = [(30, 532, '0.76'), (24, 652, '0.68'), (32, 580, '0.76'), (37, 479, '0.82'), (33, 3847, '0.18'),
             (8, 8372, '0.08'), (2, 10000, '0.06'), (40, 600, '0.75')]
BIN_P = ['0.001', '0.01', '0.1', '0.123', '0.25', '0.3', '0.5', '0.7', '0.9', '0.99']


def binomial_ks(n, p):
    """The k grid of a binomial case (integer arithmetic and IEEE operations only, as in the test)."""
    if n <= 20:
        return list(range(n + 1))
    ks = set()
    for i in range(0, 21, 2):
        ks.add(math.floor(n * i / 20 + 0.5))
    sd = math.sqrt(n * p * (1 - p))
    for j in range(-20, 21):
        k = math.floor(n * p + j * sd / 2 + 0.5)
        if 0 <= k <= n:
            ks.add(k)
    return sorted(ks)


# ---- mpmath evaluations ----
def t_lower(s, df):
    """P(T <= -s) for s > 0 (mp numbers), 0 when below 1e-330."""
    v = mp.mpf(df)
    s = mp.mpf(s)
    if df == 1:
        return mp.atan(1 / s) / mp.pi
    if df == 2:
        r = mp.sqrt(2 + s * s)
        return 1 / ((r + s) * r)
    a = v / 2
    x = v / (v + s * s)
    y = s * s / (v + s * s)
    est = a * mp.log(x) + HALF * mp.log(y) - mp.log(a) - mp.log(mp.beta(a, HALF))
    if s > 1 and est < -760:
        return mp.mpf(0)
    if a * y < 3 and y < 0.1:
        # near the centre: 1 - I_y(1/2, a), with y small (the hypergeometric series converges fast)
        return (1 - mp.betainc(HALF, a, 0, y, regularized=True)) / 2
    try:
        return mp.betainc(a, HALF, 0, x, regularized=True) / 2
    except ValueError:
        return x ** a * mp.hyp2f1(a, HALF, a + 1, x, maxprec=200000, maxterms=10 ** 7) / (a * mp.beta(a, HALF)) / 2


def t_lower_log(s, df):
    """ln P(T <= -s), finite: the leading term of the tail where the value is below 1e-330."""
    v = mp.mpf(df)
    s = mp.mpf(s)
    a = v / 2
    if df not in (1, 2) and s > 1:
        x = v / (v + s * s)
        y = s * s / (v + s * s)
        est = a * mp.log(x) + HALF * mp.log(y) - mp.log(a) - mp.log(mp.beta(a, HALF))
        if est < -760:
            return est
    return mp.log(t_lower(s, df))


def t_centre(s, df):
    """P(0 < T <= s) for small s, without cancellation."""
    v = mp.mpf(df)
    s = mp.mpf(s)
    if df == 1:
        return mp.atan(s) / mp.pi
    if df == 2:
        return s / (2 * mp.sqrt(2 + s * s))
    y = s * s / (v + s * s)
    return mp.betainc(HALF, v / 2, 0, y, regularized=True) / 2


def t_cdf(t, df):
    if t == 0:
        return HALF
    lower = t_lower(abs(mp.mpf(t)), df)
    return lower if t < 0 else 1 - lower


def solve(g, a, b):
    """The root of g between a and b (g(a), g(b) of opposite signs), by the Illinois method."""
    fa, fb = g(a), g(b)
    assert fa * fb < 0, (a, b, fa, fb)
    for _ in range(300):
        c = (a * fb - b * fa) / (fb - fa)
        fc = g(c)
        # 1e-30 is far below the double rounding the result gets, and above the noise of g
        if fc == 0 or abs(c - b) <= mp.mpf('1e-30') * abs(c):
            return c
        if fc * fb < 0:
            a, fa = b, fb
        else:
            fa /= 2
        b, fb = c, fc
        if abs(b - a) <= mp.mpf('1e-30') * abs(b):
            return b
    raise RuntimeError('no convergence')


def bracket(g, guess, step):
    """[a, b] around guess with g(a), g(b) of opposite signs (g monotone), widening geometrically."""
    a, b = guess - step, guess + step
    while g(a) * g(b) > 0:
        step *= 4
        a, b = guess - step, guess + step
    return a, b


def t_quantile(p, df):
    P = mp.mpf(p)
    if P == HALF:
        return mp.mpf(0)
    q = P if P < HALF else 1 - P
    h = HALF - q
    v = mp.mpf(df)
    if df == 1:
        s = 1 / mp.tan(mp.pi * q)
    elif df == 2:
        s = mp.sqrt(2) * h / mp.sqrt(q * (1 - q))
    elif q < mp.mpf('0.25'):
        # ln P(T <= -e^w) = ln q, started from scipy's value when it has one (any start works)
        try:
            guess = float(-sst.t.ppf(float(q), df))
        except TypeError:
            guess = float('nan')
        w0 = mp.log(guess) if 0 < guess < 1e300 else mp.log(-mp.log(q)) * 3
        g = lambda w: t_lower_log(mp.exp(w), df) - mp.log(q)
        s = mp.exp(solve(g, *bracket(g, w0, mp.mpf('1e-9'))))
    else:
        g = lambda s: t_centre(s, df) - h
        try:
            guess = mp.mpf(float(-sst.t.ppf(float(q), df)))
        except TypeError:
            guess = mp.mpf(0)
        if not guess > 0:
            guess = h * 2.5
        gu = lambda u: g(mp.exp(u))
        s = mp.exp(solve(gu, *bracket(gu, mp.log(guess), mp.mpf('1e-9'))))
    return -s if P < HALF else s


def binomial_cdf(k, n, p):
    """Exact P(X <= k) for X ~ Binomial(n, p), p the double given (1 - p exact in mp)."""
    if k < 0:
        return mp.mpf(0)
    if k >= n:
        return mp.mpf(1)
    p = mp.mpf(p)
    q = 1 - p
    eps = mp.mpf(10) ** (-DPS - 5)
    if k <= n * p:
        term = mp.binomial(n, k) * p ** k * q ** (n - k)
        total = term
        j = k
        while j > 0:
            term = term * j / (n - j + 1) * q / p
            j -= 1
            total += term
            if term < eps * total:
                break
        return total
    j = k + 1
    term = mp.binomial(n, j) * p ** j * q ** (n - j)
    total = term
    while j < n:
        term = term * (n - j) / (j + 1) * p / q
        j += 1
        total += term
        if term < eps * total:
            break
    return 1 - total


def beta_inc(x, a, b):
    """(I_x(a, b), 1 − I_x(a, b)), each computed directly: by exact binomial sums for integer a, b
    (I_x(a, b) = P(Bin(a + b − 1, x) ≥ a)), by the t distribution for b = ½ (A&S 26.7.1), else by
    mpmath's betainc on the side where it is small."""
    X = mp.mpf(x)
    if a == int(a) and b == int(b):
        n = int(a + b - 1)
        return 1 - binomial_cdf(int(a) - 1, n, x), binomial_cdf(int(a) - 1, n, x)
    if b == 0.5:
        df = 2 * mp.mpf(a)
        s = mp.sqrt(df * (1 - X) / X)
        lower = 2 * t_lower(s, df) if df not in (1, 2) else None
        centre = 2 * t_centre(s, df)
        return (lower if lower is not None else 1 - centre), centre
    A, B = mp.mpf(a), mp.mpf(b)
    return mp.betainc(A, B, 0, X, regularized=True), mp.betainc(B, A, 0, 1 - X, regularized=True)


def normal_quantile(p):
    P = mp.mpf(p)
    if P == HALF:
        return mp.mpf(0)
    if mp.mpf('1e-10') < P < 1 - mp.mpf('1e-10'):
        return -mp.sqrt(2) * mp.erfinv(1 - 2 * P)
    q = P if P < HALF else 1 - P
    g = lambda w: mp.log(mp.ncdf(-mp.exp(w))) - mp.log(q)
    z = mp.exp(solve(g, mp.mpf(0), mp.mpf(4)))
    return -z if P < HALF else z


def num(x):
    """The nearest double of an mp number (0 below 1e-300: the tests skip those)."""
    x = mp.mpf(x)
    if abs(x) < mp.mpf('1e-300'):
        return 0.0
    return float(x)


def main():
    out = {
        'generator': 'scripts/distributions-reference.py',
        'mpmath': mp.__version__,
        'scipy': scipy.__version__,
        'digits': DPS,
        'note': 'Inputs are the doubles of the test grids; values are rounded once to double; 0 means below 1e-300.',
    }

    t_rows = []
    for df in DFS:
        for mag in T_MAGNITUDES:
            t = -float(mag)
            t_rows.append([t, df, num(t_cdf(t, df))])
        for t in (1.0, 2.0, 5.0):
            t_rows.append([t, df, num(t_cdf(t, df))])
    for mag in DF1_SMALL_T:
        for sign in (-1, 1):
            t = sign * float(mag)
            t_rows.append([t, 1, num(t_cdf(t, 1))])
    for df in (1, 1.5, 2, 3):
        for mag in HUGE_T:
            t = -float(mag)
            t_rows.append([t, df, num(t_cdf(t, df))])
    for df in (0.1, 0.5, 0.9):
        for t in (-1e30, -1e5, -100.0, -3.0, -0.5, -1e-3, 0.7):
            t_rows.append([t, df, num(t_cdf(t, df))])
    for df in (1e8, 1e12, 1e20):
        for t in (-37.0, -30.0, -10.0, -3.0, -0.5, -1e-5):
            t_rows.append([t, df, num(t_cdf(t, df))])
    out['tCdf'] = t_rows
    print('tCdf', len(t_rows), file=sys.stderr, flush=True)

    q_rows = []
    seen = set()
    for df in DFS:
        for ps in REF_TAIL_P + CENTRE_P + UPPER_P:
            q_rows.append([float(ps), df, num(t_quantile(float(ps), df))])
            seen.add((float(ps), df))
        print('  tQuantile df', df, len(q_rows), file=sys.stderr, flush=True)
    # every grid point where @stdlib overflows (|t| > 1e154, its t² is Infinity): df < 2, p ≤ 1e-150
    for df in (1, 1.23, 1.5):
        for ps in TAIL_P:
            p = float(ps)
            if p <= 1e-150 and (p, df) not in seen:
                q_rows.append([p, df, num(t_quantile(p, df))])
    for df in (0.5, 0.9, 1e8, 1e12):
        for ps in ('1e-300', '1e-100', '1e-20', '1e-5', '0.2', '0.4999999999', '0.9', '0.9999999999'):
            if df < 1 and ps == '1e-300':
                continue  # beyond the largest double
            q_rows.append([float(ps), df, num(t_quantile(float(ps), df))])
    out['tQuantile'] = q_rows
    print('tQuantile', len(q_rows), file=sys.stderr, flush=True)

    z_rows = []
    for k in range(-384, 81):
        z = k / 10
        v = mp.ncdf(mp.mpf(z))
        if v >= mp.mpf('1e-300'):
            z_rows.append([z, num(v)])
    out['normalCdf'] = z_rows

    nq_rows = []
    for ps in [f'{m}e-{e}' for e in range(1, 301) for m in ('1', '3')] + CENTRE_P + UPPER_P:
        p = float(ps)
        nq_rows.append([p, num(normal_quantile(p)), float(sps.ndtri(p))])
    out['normalQuantile'] = nq_rows
    print('normal', len(z_rows), len(nq_rows), file=sys.stderr)

    b_rows = []
    for n in BIN_N:
        for ps in BIN_P:
            p = float(ps)
            for k in binomial_ks(n, p):
                b_rows.append([k, n, p, num(binomial_cdf(k, n, p))])
    for k, n, ps in BIN_EXTRA:
        b_rows.append([k, n, float(ps), num(binomial_cdf(k, n, float(ps)))])
    out['binomialCdf'] = b_rows
    print('binomialCdf', len(b_rows), file=sys.stderr)

    special = {'lnGamma': [], 'gammaRatioHalf': [], 'lnBeta': [], 'betaIncReg': []}
    for x in (1e-300, 1e-10, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 7.7, 9.99, 10, 10.5, 33.3, 100, 1e3, 1e5, 1e6, 1e10, 1e100):
        special['lnGamma'].append([x, num(mp.loggamma(mp.mpf(x)))])
    for a in (1e-5, 0.05, 0.5, 1, 1.25, 5, 9.99, 10, 15.5, 124, 1e3, 5e5, 1e8, 1e15):
        A = mp.mpf(a)
        special['gammaRatioHalf'].append([a, num(mp.exp(mp.loggamma(A + HALF) - mp.loggamma(A)))])
    for a, b in ((0.5, 0.5), (1, 1), (2.5, 0.5), (124, 0.5), (5e5, 0.5), (1e6, 0.5), (3, 7), (1001, 9000),
                 (50000, 50001), (1e5, 3), (0.1, 1e5), (7.7, 12.34)):
        special['lnBeta'].append([a, b, num(mp.log(mp.beta(mp.mpf(a), mp.mpf(b))))])
    for x, a, b in ((0.25, 2, 3), (0.5, 0.5, 0.5), (0.001, 0.5, 0.5), (0.999, 0.5, 0.5), (0.3, 10, 20),
                    (0.9, 124, 0.5), (0.999, 500000, 0.5), (0.5, 3001, 7000), (0.29, 3001, 7000), (0.35, 3001, 7000),
                    (1e-5, 1, 100000), (0.7, 70001, 30000), (0.69, 70001, 30000), (0.2, 1.5, 2.5)):
        lower, upper = beta_inc(x, a, b)
        special['betaIncReg'].append([x, a, b, num(lower), num(upper)])
    out['special'] = special

    # self-check: a sample recomputed at 60 digits
    mp.mp.dps = 60
    for rows, f in ((t_rows[::37], lambda r: t_cdf(r[0], r[1])), (q_rows[::41], lambda r: t_quantile(r[0], r[1])),
                    (b_rows[::53], lambda r: binomial_cdf(r[0], r[1], r[2]))):
        for r in rows:
            hi = f(r)
            lo = mp.mpf(r[-1])
            if abs(hi) >= mp.mpf('1e-300'):
                assert abs(lo - hi) <= abs(hi) * mp.mpf('2e-16'), (r, hi)
    mp.mp.dps = DPS

    with open(OUT, 'w') as fh:
        fh.write('{\n')
        keys = list(out)
        for i, key in enumerate(keys):
            value = out[key]
            sep = ',' if i < len(keys) - 1 else ''
            if isinstance(value, list):
                fh.write(f'  {json.dumps(key)}: [\n')
                fh.write(',\n'.join('    ' + json.dumps(r, separators=(',', ':')) for r in value))
                fh.write(f'\n  ]{sep}\n')
            else:
                fh.write(f'  {json.dumps(key)}: {json.dumps(value, separators=(",", ":"))}{sep}\n')
        fh.write('}\n')
    print('wrote', OUT, file=sys.stderr)


if __name__ == '__main__':
    main()
