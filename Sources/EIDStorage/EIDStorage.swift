// EIDStorage module.
