#!/usr/bin/env bash
# make fuzz: the fuzz targets (expression parser, rule loader, facts reader,
# answer parsers, transcript reader) with many more inputs than make test
# tries. An input that kills the rule loader, the facts reader or the
# transcript reader is kept as a regression test in its target's
# Fixtures/fuzz folder, which the tests replay on every run; the parsers'
# generators are seeded, so their failing case is found again from the seed.
set -u
cd "$(dirname "$0")/.."
# The rule loader, facts and transcript readers run for FUZZ_SECONDS each;
# the two parsers' seeded generators for FUZZ_COUNT inputs.
seconds=${FUZZ_SECONDS:-60}
count=${FUZZ_COUNT:-100000}
current=$(mktemp -d)
trap 'rm -rf "$current"' EXIT
status=0
run() {  # suite filter, target name, regression folder
    rm -f "$current"/*
    start=$(date +%s)
    if FUZZ_COUNT=$count FUZZ_SECONDS=$4 FUZZ_CURRENT_DIR=$current swift test --skip-build --filter "$1" > "$current.log" 2>&1; then
        tried=$(grep -o "fuzz $2: [0-9]* inputs tried" "$current.log" | grep -o "[0-9]*" | head -1)
        echo "fuzz $2: ${tried:-$count} inputs, no crash ($(( $(date +%s) - start )) s)"
    else
        status=1
        echo "fuzz $2: FAILED after $(( $(date +%s) - start )) s; see the log below"
        tail -20 "$current.log"
        # The input a check failed on, or else the last one (a crash).
        failing=$(ls "$current"/*-failing 2>/dev/null)
        [ -d "$3" ] && for input in ${failing:-"$current"/*}; do
            [ -f "$input" ] || continue
            name=$(basename "$input")-$(sha1sum "$input" | cut -c1-12)
            cp "$input" "$3/$name" && echo "kept $3/$name as a regression test"
        done
    fi
}
swift build --build-tests > /dev/null || exit 1
run "noTextCrashesTheParser|noNearlyRightTextCrashesTheParser" "expression parser" /dev/null ""
run "noDamagedRulePackCrashesTheLoader" "rule loader" Tests/RuleEngineTests/Fixtures/fuzz/loader "$seconds"
run "noDamagedFactsFileCrashesTheReader" "facts reader" Tests/RuleEngineTests/Fixtures/fuzz/facts "$seconds"
run "AnswerParserPropertyTests" "answer parsers" /dev/null ""
run "noDamagedTranscriptCrashesTheReader" "transcript reader" Tests/CoachTests/Fixtures/fuzz/transcript "$seconds"
rm -f "$current.log"
exit $status
