"""The geospatial core of the Darién corridor map. Never imports streamlit."""
