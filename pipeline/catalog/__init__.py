"""The catalog model (model.py imports nothing of ours) and its file formats: .po read and written, .mo."""
