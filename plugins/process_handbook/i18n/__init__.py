"""Interface text in Chinese and English: the catalogues (zh.yml, en.yml) and `Labels`."""
