"""The Streamlit interface: the only package that imports streamlit."""
