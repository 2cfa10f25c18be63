package io.edgepass.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The repository's Dockerfile as a list of instructions (continuation lines joined,
 * comments dropped), enough to check what each stage copies, runs, exposes and probes.
 *
 * @param instructions every instruction in order
 */
record Dockerfile(List<Instruction> instructions) {

	static Dockerfile read() {
		return parse(Repository.read("Dockerfile"));
	}

	static Dockerfile parse(String text) {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			String instruction = current.toString().strip();
			current.setLength(0);
			if (instruction.isEmpty()) {
				continue;
			}
			int space = instruction.indexOf(' ');
			instructions.add(new Instruction(instruction.substring(0, space).toUpperCase(Locale.ROOT),
					instruction.substring(space + 1).strip()));
		}
		return new Dockerfile(instructions);
	}

	/** The stages, each from its {@code FROM} to the next. */
	List<List<Instruction>> stages() {
		List<List<Instruction>> stages = new ArrayList<>();
		for (Instruction instruction : this.instructions) {
			if (instruction.keyword().equals("FROM")) {
				stages.add(new ArrayList<>());
			}
			if (!stages.isEmpty()) {
				stages.getLast().add(instruction);
			}
		}
		return stages;
	}

	/** The stage named {@code FROM ... AS name}. */
	List<Instruction> stage(String name) {
		return stages().stream()
			.filter((stage) -> stage.get(0).arguments().endsWith(" AS " + name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Dockerfile: no stage named " + name));
	}

	/** The instructions of the last stage: what the image really is. */
	List<Instruction> finalStage() {
		return stages().getLast();
	}

	List<Instruction> all(List<Instruction> stage, String keyword) {
		return stage.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
	}

	Instruction single(String keyword) {
		List<Instruction> found = all(finalStage(), keyword);
		if (found.size() != 1) {
			throw new AssertionError(
					"Dockerfile: expected one " + keyword + " in the final stage, found " + found.size());
		}
		return found.get(0);
	}

	/**
	 * @param keyword such as {@code COPY}
	 * @param arguments the rest of the line
	 */
	record Instruction(String keyword, String arguments) {
	}

}
