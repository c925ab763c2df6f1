// EIDBiometrics module.
