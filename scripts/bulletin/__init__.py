"""bulletin: the internal bulletin (bản tin sinh hoạt nội bộ) of a Đảng ủy Khối, as a static site."""

__version__ = "0.1.0"
