"""Learned decisions: gradient-boosted trees over language-neutral features, trained by ``newsdistill train``.

``booster`` fits, cross-validates by group (a site never on both sides), saves and loads the shipped model files
in ``cleaners/models``. Models are plain LightGBM text files: deterministic, CPU only, nothing downloaded.
"""
