"""Administrative regions (province > regency > kecamatan > desa) as data."""
