"""The demo township (腾冲市明光镇) that `make run` loads: content in data.py, builders in builders.py."""
