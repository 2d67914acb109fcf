"""The median the benchmark scripts report: the middle value, or the mean of the two middle values for an even count,
as Mosaic's `Median.of`. Standard library only."""


def median(values):
    if not values:
        raise ValueError('the median of nothing')
    s = sorted(values)
    middle = len(s) // 2
    return s[middle] if len(s) % 2 else (s[middle - 1] + s[middle]) / 2
