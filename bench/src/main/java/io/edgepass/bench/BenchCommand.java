package io.edgepass.bench;

import java.util.Arrays;

import io.edgepass.bench.load.ConstantRateLoad;
import io.edgepass.bench.peer.PeerGatewayApplication;
import io.edgepass.bench.report.ResultsReport;
import io.edgepass.bench.sessionedge.SessionEdgeApplication;
import io.edgepass.bench.stub.StubUpstream;
import io.edgepass.bench.tokens.BenchProofs;
import io.edgepass.bench.tokens.BenchTokens;
import io.edgepass.bench.tokens.ReplayCacheMemory;

/**
 * The benchmark's processes, one jar: {@code stub}, {@code tokens}, {@code proofs},
 * {@code load}, {@code session-edge}, {@code peer}, {@code report} and
 * {@code replay-cache-memory}, each documented on its own main method.
 * {@code bench/run.sh} orchestrates them.
 */
public final class BenchCommand {

	private BenchCommand() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err
				.println("usage: stub | tokens | proofs | load | session-edge | peer | report | replay-cache-memory, "
						+ "then that command's arguments");
			System.exit(2);
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "stub" -> StubUpstream.main(rest);
			case "tokens" -> BenchTokens.main(rest);
			case "proofs" -> BenchProofs.main(rest);
			case "load" -> ConstantRateLoad.main(rest);
			case "session-edge" -> SessionEdgeApplication.main(rest);
			case "peer" -> PeerGatewayApplication.main(rest);
			case "report" -> ResultsReport.main(rest);
			case "replay-cache-memory" -> ReplayCacheMemory.main(rest);
			default -> {
				System.err.println("unknown command " + args[0]);
				System.exit(2);
			}
		}
	}

}
