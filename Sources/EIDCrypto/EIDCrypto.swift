// EIDCrypto module.
