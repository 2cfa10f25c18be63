package io.edgepass.launcher;

/** A PostgreSQL server somebody else runs: the suite only creates its databases there. */
final class ExternalDatabaseServer implements DatabaseServer {

	private static final String PREFIX = "jdbc:postgresql://";

	private final String address;

	private final String parameters;

	private final DatabaseSource.External source;

	ExternalDatabaseServer(DatabaseSource.External source) {
		this.source = source;
		String rest = source.url().substring(PREFIX.length());
		int query = rest.indexOf('?');
		this.parameters = (query < 0) ? "" : rest.substring(query);
		String beforeQuery = (query < 0) ? rest : rest.substring(0, query);
		int path = beforeQuery.indexOf('/');
		this.address = (path < 0) ? beforeQuery : beforeQuery.substring(0, path);
	}

	@Override
	public String jdbcUrl(String database) {
		return PREFIX + this.address + "/" + database + this.parameters;
	}

	@Override
	public String username() {
		return this.source.username();
	}

	@Override
	public String password() {
		return this.source.password();
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("The external PostgreSQL at " + this.address + " is not ours to stop");
	}

	@Override
	public void start() {
		throw new UnsupportedOperationException("The external PostgreSQL at " + this.address + " is not ours to start");
	}

	@Override
	public String description() {
		return "external PostgreSQL at " + this.address;
	}

}
