def pytest_configure(config):
    config.addinivalue_line("markers", "slow: loads the whole demo province (~10-20 s); runs once per session")
