"""The review app's logic, kept out of Streamlit so it can be tested and reused.

- queue: which attributions a reviewer sees, in what order, and progress counts
- actions: the decisions a reviewer makes, as rows in the reviews table
- spans: moving and re-selecting content boundaries (code-point offsets)
- render: escaped HTML of a paragraph with its spans highlighted
- agreement: Cohen's kappa, Krippendorff's alpha and the list of disagreements
"""
