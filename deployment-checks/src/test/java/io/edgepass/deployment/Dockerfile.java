package io.edgepass.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile as a list of instructions (continuation lines joined, comments dropped),
 * enough to check what an image copies, exposes, runs and probes.
 *
 * @param module the service whose folder holds it
 * @param instructions every instruction in order
 */
record Dockerfile(String module, List<Instruction> instructions) {

	static Dockerfile of(String module) {
		return parse(module, Repository.read(module + "/Dockerfile"));
	}

	static Dockerfile parse(String module, String text) {
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
		return new Dockerfile(module, instructions);
	}

	List<Instruction> all(String keyword) {
		return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
	}

	/** The instructions of the last stage: what the image really is. */
	List<Instruction> finalStage() {
		int from = 0;
		for (int i = 0; i < this.instructions.size(); i++) {
			if (this.instructions.get(i).keyword().equals("FROM")) {
				from = i;
			}
		}
		return this.instructions.subList(from, this.instructions.size());
	}

	Instruction single(String keyword) {
		List<Instruction> found = finalStage().stream()
			.filter((instruction) -> instruction.keyword().equals(keyword))
			.toList();
		if (found.size() != 1) {
			throw new AssertionError(this.module + "/Dockerfile: expected one " + keyword
					+ " in the final stage, found " + found.size());
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
