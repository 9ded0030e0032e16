from cleaners.evaluation.pool import map_pages


def _square(n: int) -> int:
    return n * n


def test_results_come_back_in_the_order_of_the_tasks():
    assert map_pages(_square, range(10), jobs=2) == [n * n for n in range(10)]
