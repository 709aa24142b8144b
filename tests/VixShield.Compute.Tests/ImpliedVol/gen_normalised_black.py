# Reference values of the normalised Black call b(x, s) = e^{x/2} Φ(x/s + s/2) - e^{-x/2} Φ(x/s - s/2)
# at 60 significant digits (mpmath), rounded to 17. Regenerate: python3 gen_normalised_black.py > normalised_black_mpmath.csv
import mpmath as mp
mp.mp.dps = 60
xs = [0.0, -1e-10, -1e-6, -1e-4, -0.003, -0.02, -0.1, -0.35, -0.7, -1.0, -2.0, -4.0, -8.0, -15.0, -30.0, -60.0]
ss = [1e-7, 1e-5, 1e-4, 1e-3, 0.005, 0.02, 0.05, 0.1, 0.2, 0.3, 0.42, 0.5, 0.8, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 12.0]
print("x,s,b")
for x in xs:
    for s in ss:
        X = mp.mpf(x); S = mp.mpf(s)
        b = mp.e**(X/2)*mp.ncdf(X/S + S/2) - mp.e**(-X/2)*mp.ncdf(X/S - S/2)
        if b < mp.mpf('1e-290'):
            continue
        print(f"{x!r},{s!r},{mp.nstr(b, 17, strip_zeros=False, min_fixed=-1, max_fixed=-1)}")
