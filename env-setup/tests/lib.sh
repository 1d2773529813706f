# Helpers of env-setup/tests/run.sh and fleet.sh (sourced, not run): test bookkeeping and assertions, the tools the tests
# need, and stand-ins for the package database, the Maven wrapper and the mbench launcher.
# Uses the variables run.sh sets: work, fake_bin, setup_sh, fixtures_dir and the bookkeeping ones.
# shellcheck shell=bash disable=SC2154 # the variables above are set by run.sh
# ---------------------------------------------------------------------------------------------------------
# Test bookkeeping

passed=0
failed=0
test_name=""
problems=()
out_file=""
err_file=""
plan_file=""
rc=0

# The closing line, and the exit status: 1 when any test failed.
finish() {
    printf '%s passed, %s failed\n' "$passed" "$failed"
    if ((failed > 0)); then
        exit 1
    fi
    exit 0
}

begin() {
    test_name=$1
    problems=()
}

problem() {
    problems+=("$1")
}

end() {
    if [[ ${#problems[@]} -eq 0 ]]; then
        passed=$((passed + 1))
        printf 'PASS  %s\n' "$test_name"
        return
    fi
    failed=$((failed + 1))
    printf 'FAIL  %s\n' "$test_name"
    local line
    for line in "${problems[@]}"; do
        printf '        %s\n' "$line"
    done
    if [[ -n "$out_file" && -f "$out_file" ]]; then
        printf '        --- stdout (last 15 lines) ---\n'
        tail -n 15 -- "$out_file" | sed 's/^/        /'
        printf '        --- stderr (last 10 lines) ---\n'
        tail -n 10 -- "$err_file" | sed 's/^/        /'
    fi
}

expect_rc() {
    if [[ "$rc" -ne "$1" ]]; then
        problem "exit status: expected $1, got $rc"
    fi
}

expect_rc_nonzero() {
    if [[ "$rc" -eq 0 ]]; then
        problem "exit status: expected non-zero, got 0"
    fi
}

# A planned or printed line, exactly.
expect_line() {
    if ! grep -Fxq -- "$1" "$plan_file"; then
        problem "missing line: $1"
    fi
}

expect_no_line_matching() {
    local found
    if found=$(grep -E -m 1 -- "$1" "$plan_file"); then
        problem "unexpected line matching /$1/: $found"
    fi
}

expect_stdout_contains() {
    if ! grep -Fq -- "$1" "$out_file"; then
        problem "stdout lacks: $1"
    fi
}

expect_stderr_contains() {
    if ! grep -Fq -- "$1" "$err_file"; then
        problem "stderr lacks: $1"
    fi
}

expect_last_line() {
    local last
    last=$(tail -n 1 -- "$out_file")
    if [[ "$last" != "$1" ]]; then
        problem "last stdout line: expected '$1', got '$last'"
    fi
}

# The first line equal to $1 comes before the first line equal to $2.
expect_order() {
    local first second
    first=$(grep -Fxn -m 1 -- "$1" "$plan_file" | cut -d: -f1)
    second=$(grep -Fxn -m 1 -- "$2" "$plan_file" | cut -d: -f1)
    if [[ -z "$first" || -z "$second" ]] || ((first >= second)); then
        problem "expected '$1' (line ${first:-none}) before '$2' (line ${second:-none})"
    fi
}

expect_nothing_planned() {
    expect_no_line_matching '^\+ '
}

# ---------------------------------------------------------------------------------------------------------
# Tools and stand-ins

python_with_yaml() {
    local python
    for python in /usr/bin/python3 python3; do
        if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import yaml' >/dev/null 2>&1; then
            printf '%s' "$python"
            return 0
        fi
    done
    return 1
}

missing_tools() {
    local missing=()
    command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
    command -v ansible-playbook >/dev/null 2>&1 || missing+=(ansible-core)
    python_with_yaml >/dev/null || missing+=(python3-yaml)
    printf '%s\n' ${missing[@]+"${missing[@]}"}
}

ensure_tools() {
    local missing
    missing=$(missing_tools)
    [[ -z "$missing" ]] && return 0
    # shellcheck disable=SC2086 # one package name a line
    set -- $missing
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        printf 'installing test tools from Debian packages: %s\n' "$*"
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$work/apt.log" 2>&1; then
            DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$work/apt.log" 2>&1 &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$work/apt.log" 2>&1
        fi
        missing=$(missing_tools)
        [[ -z "$missing" ]] && return 0
        tail -n 5 -- "$work/apt.log"
    fi
    printf 'error: the env-setup tests need these Debian packages, missing here: %s\n' "$(printf '%s' "$missing" | tr '\n' ' ')"
    printf '       install them (as root: apt-get update && apt-get install -y shellcheck ansible-core python3-yaml) and run again\n'
    failed=$((failed + 1))
    finish
}

# Package-database stand-ins: report the packages listed in FAKE_INSTALLED as installed, so a plan does not
# depend on what this machine has, and the same test works for rpm systems on a Debian machine.
make_fake_bin() {
    mkdir -p -- "$fake_bin"
    cat >"$fake_bin/dpkg-query" <<'EOF'
#!/bin/sh
# Test stand-in for dpkg-query -W -f='${Status}' PACKAGE.
for arg in "$@"; do package=$arg; done
for installed in $FAKE_INSTALLED; do
    if [ "$installed" = "$package" ]; then printf 'install ok installed'; exit 0; fi
done
exit 1
EOF
    cat >"$fake_bin/rpm" <<'EOF'
#!/bin/sh
# Test stand-in for rpm -q --quiet PACKAGE.
for arg in "$@"; do package=$arg; done
for installed in $FAKE_INSTALLED; do
    if [ "$installed" = "$package" ]; then exit 0; fi
done
exit 1
EOF
    chmod +x -- "$fake_bin/dpkg-query" "$fake_bin/rpm"
}

# A toolkit directory with the real setup.sh and stand-ins for the Maven wrapper and the mbench launcher.
# The fake mbench writes results/<label>/<FAKE_RUN_NAME>/ like mbench run, records the open-files limit it
# got; FAKE_MBENCH_EXIT makes it fail before writing anything, FAKE_MBENCH_EXIT_AFTER_RUN after.
make_fake_toolkit() {
    local dir=$1
    mkdir -p -- "$dir/env-setup"
    cp -- "$setup_sh" "$dir/env-setup/setup.sh"
    printf '<project/>\n' >"$dir/pom.xml"
    cat >"$dir/mvnw" <<'EOF'
#!/bin/sh
# Test stand-in for the Maven wrapper: records its arguments.
printf '%s\n' "$*" >>"$(dirname "$0")/mvnw.calls"
EOF
    cat >"$dir/mbench" <<'EOF'
#!/bin/sh
# Test stand-in for ./mbench run: writes a run directory the way mbench run does.
printf '%s\n' "$0 $*" >>"$(dirname "$0")/mbench.calls"
if [ "$1" = report ]; then
    [ "${FAKE_REPORT_EXIT:-0}" -eq 0 ] || exit "$FAKE_REPORT_EXIT"
    printf '<html></html>\n' >"$2/report.html"
    exit 0
fi
out=""; label=""; data=""
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --label) label=$2; shift 2 ;;
        --data-dir) data=$2; shift 2 ;;
        *) shift ;;
    esac
done
[ "${FAKE_MBENCH_EXIT:-0}" -eq 0 ] || exit "$FAKE_MBENCH_EXIT"
run_dir="$out/$label/${FAKE_RUN_NAME:-20261123T150000Z}"
mkdir -p "$run_dir"
printf 'label=%s\ndataDir=%s\n' "$label" "$data" >"$run_dir/host.properties"
printf 'benchmark,engine,store,score\nquery,heap,mem,1.0\n' >"$run_dir/results.csv"
ulimit -n >"$run_dir/open-files-limit.txt"
exit "${FAKE_MBENCH_EXIT_AFTER_RUN:-0}"
EOF
    chmod +x -- "$dir/mvnw" "$dir/mbench" "$dir/env-setup/setup.sh"
}

# Runs a setup.sh with a fixture os-release file, from RUN_CWD (default: the temp dir):
# run_script NAME FIXTURE SCRIPT [args...].
# Sets out_file, err_file, plan_file (stdout with "sudo -n " dropped, as root would print it) and rc.
run_script() {
    local name=$1 fixture=$2 script=$3
    shift 3
    out_file="$work/$name.out"
    err_file="$work/$name.err"
    plan_file="$work/$name.plan"
    (
        cd -- "${RUN_CWD:-$work}" &&
            MBENCH_OS_RELEASE="$fixtures_dir/os-release.$fixture" PATH="$fake_bin:$PATH" FAKE_INSTALLED="${FAKE_INSTALLED:-}" \
                ${run_prefix[@]+"${run_prefix[@]}"} bash "$script" "$@" >"$out_file" 2>"$err_file" </dev/null
    )
    rc=$?
    sed 's/^+ sudo -n /+ /' "$out_file" >"$plan_file"
}

run_setup() {
    local name=$1 fixture=$2
    shift 2
    run_script "$name" "$fixture" "$setup_sh" "$@"
}
