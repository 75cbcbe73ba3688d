"""The paper in miniature: DRIFT, SPIN and IterDPO compared on a gold reward that nothing trains on.

    python -m drift.lab exact --out out/lab-exact     # a tabular policy, every expectation exact, seconds
    python -m drift.lab tiny --out out/lab-tiny       # a tiny chat model through train.py, ~15 min on 2 cores
    ... --seed N (another world and other draws), --quick (smaller: what the tests run)

Each writes OUT/lab.json ({"world", "seed", "methods": {name: {"gold": [base, warm, iter1, ...],
"signal": [mean sigma(-s) of each stage], ...}}, ...}), OUT/lab.png (gold across iterations, as the
paper's Figure 2, and the Lemma 1 signal) and prints the table. The worlds' designs, with every
parameter and its reason, are the docstrings of drift/lab/exact.py and drift/lab/tiny.py.
"""
