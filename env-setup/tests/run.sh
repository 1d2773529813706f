#!/usr/bin/env bash
# Tests for env-setup/: shellcheck on every script, setup.sh --dry-run against the fixture os-release files of
# each supported and some unsupported systems, option errors, a full setup.sh run and an Ansible run against
# localhost, both with a stand-in toolkit (fake mvnw and mbench) so they take seconds and need no network,
# cloud-init.yaml parsed as YAML and checked with cloud-init's own schema. Helpers are in lib.sh.
#
# Needs shellcheck, ansible-core and python3-yaml; as root it installs missing ones from Debian's packages.
# Writes only inside one temporary directory, removed at the end. Ends with "N passed, M failed"; exits
# non-zero when any test failed.
set -uo pipefail

tests_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
env_setup_dir="$(dirname -- "$tests_dir")"
repo_dir="$(dirname -- "$env_setup_dir")"
setup_sh="$env_setup_dir/setup.sh"
fixtures_dir="$tests_dir/fixtures"
ansible_dir="$env_setup_dir/ansible"

work="$(mktemp -d "${TMPDIR:-/tmp}/env-setup-tests.XXXXXX")"
# Readable by all, so the stand-ins in it also work for the tests that run setup.sh as the user nobody.
chmod 755 -- "$work"
trap 'rm -rf -- "$work"' EXIT
fake_bin="$work/fake-bin"

# A command that run_script puts before "bash setup.sh", e.g. to run it as another user.
run_prefix=()

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$tests_dir/lib.sh"

# ---------------------------------------------------------------------------------------------------------
# Tests

readonly APT='env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600'

test_shellcheck() {
    local script
    for script in "$setup_sh" "$tests_dir/run.sh" "$tests_dir/lib.sh" "$tests_dir/fleet.sh"; do
        begin "shellcheck passes on ${script#"$repo_dir"/}"
        out_file=""
        local output
        if ! output=$(shellcheck -x -- "$script" 2>&1); then
            problem "shellcheck reported:"
            while IFS= read -r line; do problem "  $line"; done <<<"$output"
        fi
        end
    done
}

install_line() {
    local manager=$1
    shift
    case "$manager" in
        apt) printf '+ %s install -y -q --no-install-recommends %s' "$APT" "$*" ;;
        dnf) printf '+ dnf install -y -q %s' "$*" ;;
        yum) printf '+ yum install -y -q %s' "$*" ;;
    esac
}

test_supported_systems() {
    local entry fixture manager jdk other
    for entry in \
        "debian11 apt openjdk-17-jdk-headless" \
        "debian12 apt openjdk-17-jdk-headless" \
        "debian13 apt openjdk-21-jdk-headless" \
        "ubuntu2004 apt openjdk-17-jdk-headless" \
        "ubuntu2204 apt openjdk-17-jdk-headless" \
        "ubuntu2404 apt openjdk-17-jdk-headless" \
        "rhel8 dnf java-17-openjdk-devel" \
        "rhel9 dnf java-17-openjdk-devel" \
        "rhel10 dnf java-21-openjdk-devel" \
        "rocky9 dnf java-17-openjdk-devel" \
        "almalinux8 dnf java-17-openjdk-devel" \
        "amzn2 yum java-17-amazon-corretto-devel" \
        "amzn2023 dnf java-17-amazon-corretto-devel" \
        "fedora39 dnf java-17-openjdk-devel" \
        "fedora43 dnf java-21-openjdk-devel"; do
        read -r fixture manager jdk <<<"$entry"
        begin "dry run on $fixture plans '$manager' install of $jdk and git"
        FAKE_INSTALLED="" run_setup "plan-$fixture" "$fixture" --dry-run --profile smoke --label vm-a --data-dir "$work/data-$fixture"
        expect_rc 0
        expect_line "$(install_line "$manager" "$jdk" git)"
        case "$manager" in
            apt)
                expect_order "+ $APT update -q" "$(install_line apt "$jdk" git)"
                other='(dnf|yum|rpm) '
                ;;
            dnf) other='(apt-get|yum) ' ;;
            yum) other='(apt-get|dnf) ' ;;
        esac
        expect_no_line_matching "^\+ .*$other"
        expect_order "$(install_line "$manager" "$jdk" git)" "+ (cd $repo_dir && ./mvnw -B -ntp -DskipTests package)"
        if [[ -e "$work/data-$fixture" ]]; then
            problem "the dry run created the data directory $work/data-$fixture"
        fi
        end
    done
}

test_unsupported_systems() {
    local fixture
    for fixture in alpine opensuse centos7 debian10 rhel7; do
        begin "dry run on unsupported $fixture exits 3 with a message and plans nothing"
        run_setup "unsupported-$fixture" "$fixture" --dry-run --label vm-a
        expect_rc 3
        expect_stderr_contains "unsupported operating system"
        expect_stderr_contains "Nothing was changed."
        expect_nothing_planned
        end
    done

    begin "missing os-release file is an error naming the file"
    run_setup "no-os-release" "does-not-exist" --dry-run --label vm-a
    expect_rc_nonzero
    expect_stderr_contains "$fixtures_dir/os-release.does-not-exist"
    expect_nothing_planned
    end

    begin "a release without a known JDK package is accepted with --jdk-package"
    run_setup "debian10-override" debian10 --dry-run --label vm-a --jdk-package openjdk-17-jdk-headless
    expect_rc 0
    expect_line "$(install_line apt openjdk-17-jdk-headless git)"
    end
}

test_idempotence() {
    begin "nothing is installed again when the JDK and git are installed (apt)"
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_setup idem-debian12 debian12 --dry-run --label vm-a
    expect_rc 0
    expect_no_line_matching '^\+ .*apt-get'
    expect_stdout_contains "nothing to install"
    end

    begin "nothing is installed again when the JDK and git are installed (dnf)"
    FAKE_INSTALLED="git java-17-amazon-corretto-devel" run_setup idem-amzn2023 amzn2023 --dry-run --label vm-a
    expect_rc 0
    expect_no_line_matching '^\+ .*(dnf|yum) '
    end

    begin "only the missing package is installed when git is already there"
    FAKE_INSTALLED="git" run_setup partial-rhel9 rhel9 --dry-run --label vm-a
    expect_rc 0
    expect_line "$(install_line dnf java-17-openjdk-devel)"
    end

    begin "--skip-install plans no package manager command"
    FAKE_INSTALLED="" run_setup skip-install ubuntu2404 --dry-run --label vm-a --skip-install
    expect_rc 0
    expect_no_line_matching '^\+ .*(apt-get|dnf|yum) '
    expect_stdout_contains "skipped (--skip-install)"
    end

    begin "--jdk-package replaces the chosen JDK package"
    FAKE_INSTALLED="" run_setup jdk-override debian12 --dry-run --label vm-a --jdk-package temurin-21-jdk
    expect_rc 0
    expect_line "$(install_line apt temurin-21-jdk git)"
    end
}

# As root, setpriv runs setup.sh as the unprivileged user nobody without adding any user to this machine.
test_non_root() {
    if [[ "$(id -u)" -ne 0 ]] || ! command -v setpriv >/dev/null 2>&1; then
        printf 'SKIP  non-root tests: they need root and setpriv to become the user nobody\n'
        return
    fi
    run_prefix=(setpriv --reuid=65534 --regid=65534 --clear-groups)

    begin "as a non-root user the install is planned through sudo -n"
    FAKE_INSTALLED="" run_setup nonroot-plan rocky9 --dry-run --label vm-a
    expect_rc 0
    if ! grep -Fxq -- "+ sudo -n dnf install -y -q java-17-openjdk-devel git" "$out_file"; then
        problem "missing line: + sudo -n dnf install -y -q java-17-openjdk-devel git"
    fi
    end

    if ! command -v sudo >/dev/null 2>&1; then
        begin "as a non-root user without sudo, a needed install fails with a clear message and changes nothing"
        # A real run (not --dry-run), so it uses a stand-in toolkit: nothing real could be built even if it got on.
        make_fake_toolkit "$work/nonroot-toolkit"
        FAKE_INSTALLED="git" run_script nonroot-nosudo debian12 "$work/nonroot-toolkit/env-setup/setup.sh" \
            --label vm-a --data-dir "$work/nonroot-data"
        expect_rc_nonzero
        expect_stderr_contains "installing packages needs root, and sudo is not installed"
        expect_nothing_planned
        [[ ! -e "$work/nonroot-data" ]] || problem "the data directory was created"
        end
    fi
    run_prefix=()
}

test_plan_steps() {
    local data="$work/plan-data" tarballs="$work/plan-tarballs"
    begin "dry run plans build, run with the given profile/label/data dir, and pack, in that order"
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_setup plan-steps debian12 --dry-run --profile smoke --label vm-a \
        --data-dir "$data" --tarball-dir "$tarballs" --offline -- --forks 1
    expect_rc 0
    local build="+ (cd $repo_dir && ./mvnw -o -B -ntp -DskipTests package)"
    local run="+ (cd $repo_dir && ./mbench run --profile smoke --label vm-a --out $repo_dir/results --data-dir $data --forks 1)"
    local report="+ (cd $repo_dir && ./mbench report '$repo_dir/results/vm-a/<run>')"
    local tar="+ tar -C $repo_dir/results -czf '$tarballs/merkle-bench-vm-a-<run>.tar.gz.partial' 'vm-a/<run>'"
    expect_line "$build"
    expect_line "$run"
    expect_line "$tar"
    expect_order "$build" "$run"
    expect_order "$run" "$report"
    expect_order "$report" "$tar"
    expect_last_line "$tarballs/merkle-bench-vm-a-<run>.tar.gz"
    if [[ -e "$data" || -e "$tarballs" ]]; then
        problem "the dry run created $data or $tarballs"
    fi
    end

    begin "defaults: profile standard, label from the host name, data and tarballs under the toolkit"
    local short_host
    short_host=$(uname -n)
    short_host=${short_host%%.*}
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_setup plan-defaults debian12 --dry-run
    expect_rc 0
    expect_line "+ (cd $repo_dir && ./mbench run --profile standard --label $short_host --out $repo_dir/results --data-dir $repo_dir/target/mbench-data)"
    expect_last_line "$repo_dir/target/env-setup/merkle-bench-$short_host-<run>.tar.gz"
    end

    local clone="$work/clone"
    begin "--repo plans git install, then a shallow fetch of the ref into --work-dir, then the build there"
    FAKE_INSTALLED="" run_setup plan-repo fedora43 --dry-run --label vm-a --repo https://git.example.invalid/mb.git \
        --ref v1.2 --work-dir "$clone"
    expect_rc 0
    expect_line "+ git init -q $clone"
    expect_line "+ git -C $clone fetch -q --depth 1 https://git.example.invalid/mb.git v1.2"
    expect_line "+ git -C $clone checkout -q --force --detach FETCH_HEAD"
    expect_order "$(install_line dnf java-21-openjdk-devel git)" "+ git init -q $clone"
    expect_order "+ git -C $clone checkout -q --force --detach FETCH_HEAD" "+ (cd $clone && ./mvnw -B -ntp -DskipTests package)"
    if [[ -e "$clone" ]]; then
        problem "the dry run created the work directory $clone"
    fi
    end

    begin "a --repo path relative to the current directory is made absolute for git -C"
    mkdir -p -- "$work/cwd" && touch -- "$work/cwd/mb.bundle"
    RUN_CWD="$work/cwd" FAKE_INSTALLED="git openjdk-17-jdk-headless" run_setup plan-bundle debian12 --dry-run \
        --label vm-a --repo mb.bundle --work-dir "$clone"
    expect_rc 0
    expect_line "+ git -C $clone fetch -q --depth 1 $work/cwd/mb.bundle HEAD"
    end

    begin "--work-dir that holds other files is refused before anything is installed"
    mkdir -p -- "$work/occupied" && touch -- "$work/occupied/notes.txt"
    run_setup occupied debian12 --dry-run --label vm-a --repo https://git.example.invalid/mb.git --work-dir "$work/occupied"
    expect_rc 2
    expect_stderr_contains "--work-dir $work/occupied exists and is not a git clone"
    expect_nothing_planned
    end
}

test_option_errors() {
    local entry expected args
    while IFS='|' read -r args expected; do
        begin "option error: setup.sh $args"
        # shellcheck disable=SC2086 # the table's arguments are plain words
        run_setup "options-$passed-$failed" debian12 --dry-run $args
        expect_rc 2
        expect_stderr_contains "$expected"
        expect_nothing_planned
        end
    done <<'EOF'
--bogus|unknown option: --bogus
--profile|option --profile needs a value
--profile turbo|--profile must be one of smoke, quick, standard, full: --profile=turbo
--label a/b|--label must be letters, digits
--ref v1|--ref needs --repo: --ref=v1
--work-dir /tmp/x|--work-dir needs --repo
--nofile 12|--nofile must be a whole number of at least 1024: --nofile=12
--data-dir --label|option --data-dir needs a value
EOF

    begin "--prebuilt unpacks the given jars into the toolkit instead of the Maven build"
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_setup prebuilt debian12 --dry-run --label vm-a --prebuilt /x/jars.tar.gz
    expect_rc 0
    expect_line "+ tar -C $repo_dir --touch -xzf /x/jars.tar.gz"
    expect_stdout_contains "==> [5/9] unpack the prebuilt jars (--prebuilt)"
    expect_no_line_matching 'mvnw'
    end

    begin "--help prints the usage and exits 0"
    run_setup help debian12 --help
    expect_rc 0
    expect_stdout_contains "Usage: setup.sh [options]"
    expect_stdout_contains "--dry-run"
    end
}

test_real_run_with_stand_in_toolkit() {
    local toolkit="$work/toolkit" data="$work/run-data" tarballs="$work/run-tarballs"
    local tarball="$tarballs/merkle-bench-vm-t-20261123T150000Z.tar.gz"
    make_fake_toolkit "$toolkit"

    begin "a real run builds, raises the open-files limit, runs mbench and prints the tarball path last"
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_script real-run debian12 "$toolkit/env-setup/setup.sh" \
        --profile smoke --label vm-t --data-dir "$data" --tarball-dir "$tarballs" --nofile 2048
    expect_rc 0
    expect_last_line "$tarball"
    expect_stdout_contains "==> [9/9] write the report and pack the results"
    expect_stdout_contains "cpu cores:"
    if [[ ! -f "$tarball" ]]; then
        problem "no tarball at $tarball"
    else
        local listing
        listing=$(tar -tzf "$tarball")
        for member in results.csv host.properties setup-facts.txt report.html; do
            member="vm-t/20261123T150000Z/$member"
            grep -Fxq -- "$member" <<<"$listing" || problem "tarball lacks $member"
        done
    fi
    if compgen -G "$tarballs/*.partial" >/dev/null; then
        problem "a .partial tarball was left in $tarballs"
    fi
    if ! grep -Fxq -- "-B -ntp -DskipTests package" "$toolkit/mvnw.calls" 2>/dev/null; then
        problem "the Maven wrapper was not called with -B -ntp -DskipTests package"
    fi
    if ! grep -Fq -- "run --profile smoke --label vm-t --out $toolkit/results --data-dir $data" "$toolkit/mbench.calls" 2>/dev/null; then
        problem "mbench was not called with the profile, label, results and data directories"
    fi
    local limit hard
    limit=$(cat "$toolkit/results/vm-t/20261123T150000Z/open-files-limit.txt" 2>/dev/null)
    hard=$(ulimit -Hn)
    if [[ "$limit" != unlimited ]] && { [[ "$hard" == unlimited ]] || ((hard >= 2048)); } && ((${limit:-0} < 2048)); then
        problem "mbench ran with an open-files limit of ${limit:-?}, wanted at least 2048 (hard limit $hard)"
    fi
    end

    begin "running again makes a second run and a second tarball, keeping the first"
    FAKE_RUN_NAME=20261123T151500Z FAKE_INSTALLED="openjdk-17-jdk-headless git" run_script real-run-again debian12 \
        "$toolkit/env-setup/setup.sh" --profile smoke --label vm-t --data-dir "$data" --tarball-dir "$tarballs"
    expect_rc 0
    expect_last_line "$tarballs/merkle-bench-vm-t-20261123T151500Z.tar.gz"
    [[ -f "$tarball" ]] || problem "the first tarball $tarball is gone"
    end

    begin "a run that creates no new run directory fails naming the step"
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_script real-run-stale debian12 "$toolkit/env-setup/setup.sh" \
        --profile smoke --label vm-t --data-dir "$data" --tarball-dir "$tarballs"
    expect_rc_nonzero
    expect_stderr_contains "created no new run directory"
    end

    begin "a run where some cases failed (mbench exit 2 with a run directory) is packed and exits 4"
    FAKE_RUN_NAME=20261123T153000Z FAKE_MBENCH_EXIT_AFTER_RUN=2 FAKE_INSTALLED="openjdk-17-jdk-headless git" \
        run_script real-run-partial debian12 "$toolkit/env-setup/setup.sh" --profile smoke --label vm-t \
        --data-dir "$data" --tarball-dir "$tarballs"
    expect_rc 4
    expect_last_line "$tarballs/merkle-bench-vm-t-20261123T153000Z.tar.gz"
    expect_stdout_contains "warning: some benchmark cases failed"
    [[ -f "$tarballs/merkle-bench-vm-t-20261123T153000Z.tar.gz" ]] || problem "no tarball for the partial run"
    end

    begin "a failing mbench report still packs the results, with a warning"
    FAKE_RUN_NAME=20261123T154500Z FAKE_REPORT_EXIT=1 FAKE_INSTALLED="openjdk-17-jdk-headless git" \
        run_script real-run-no-report debian12 "$toolkit/env-setup/setup.sh" --profile smoke --label vm-t \
        --data-dir "$data" --tarball-dir "$tarballs"
    expect_rc 0
    expect_last_line "$tarballs/merkle-bench-vm-t-20261123T154500Z.tar.gz"
    expect_stdout_contains "warning: mbench report failed"
    end

    begin "a checkout without the mbench launcher fails before the build"
    local old_toolkit="$work/old-toolkit"
    make_fake_toolkit "$old_toolkit"
    rm -f -- "$old_toolkit/mbench"
    FAKE_INSTALLED="openjdk-17-jdk-headless git" run_script no-launcher debian12 "$old_toolkit/env-setup/setup.sh" \
        --profile smoke --label vm-t --data-dir "$data" --tarball-dir "$tarballs"
    expect_rc_nonzero
    expect_stderr_contains "$old_toolkit/mbench (the launcher that runs the benchmarks) is missing"
    [[ ! -e "$old_toolkit/mvnw.calls" ]] || problem "the build ran although the launcher is missing"
    end

    begin "a failing mbench run stops setup.sh with its exit status and names the step"
    FAKE_MBENCH_EXIT=7 FAKE_INSTALLED="openjdk-17-jdk-headless git" run_script real-run-fails debian12 \
        "$toolkit/env-setup/setup.sh" --profile smoke --label vm-t --data-dir "$data" --tarball-dir "$tarballs"
    expect_rc 7
    expect_stderr_contains "FAILED in step 'run the benchmarks (profile smoke, label vm-t)'"
    local reports
    reports=$(grep -c "FAILED in step" "$err_file")
    [[ "$reports" -eq 1 ]] || problem "the failure was reported $reports times, expected once"
    end
}

test_cloud_init() {
    local python
    python=$(python_with_yaml)
    begin "cloud-init.yaml is #cloud-config YAML that runs setup.sh, logs to /var/log and keeps the tarball"
    out_file=""
    if [[ "$(head -n 1 -- "$env_setup_dir/cloud-init.yaml")" != "#cloud-config" ]]; then
        problem "the first line is not #cloud-config"
    fi
    local check
    if ! check=$("$python" - "$env_setup_dir/cloud-init.yaml" "$work/first-boot.sh" 2>&1 <<'EOF'
import sys, yaml
with open(sys.argv[1]) as f:
    doc = yaml.safe_load(f)
assert isinstance(doc, dict), "top level is not a mapping"
assert "git" in doc.get("packages", []), "packages does not install git"
files = {entry["path"]: entry for entry in doc.get("write_files", [])}
boot = files.get("/usr/local/sbin/merkle-bench-first-boot")
assert boot is not None, "no /usr/local/sbin/merkle-bench-first-boot in write_files"
assert "/etc/merkle-bench/setup.env" in files, "no /etc/merkle-bench/setup.env in write_files"
assert "env-setup/setup.sh" in boot["content"], "the first-boot script does not run env-setup/setup.sh"
assert "--tarball-dir \"$state_dir\"" in boot["content"], "the tarball does not go to the state directory"
assert "state_dir=/var/lib/merkle-bench" in boot["content"], "the state directory is not /var/lib/merkle-bench"
runcmd = " ".join(" ".join(c) if isinstance(c, list) else c for c in doc.get("runcmd", []))
assert "/usr/local/sbin/merkle-bench-first-boot" in runcmd, "runcmd does not start the first-boot script"
assert "/var/log/merkle-bench-setup.log" in runcmd, "runcmd does not log to /var/log/merkle-bench-setup.log"
with open(sys.argv[2], "w") as f:
    f.write(boot["content"])
EOF
    ); then
        problem "cloud-init.yaml check failed: $check"
    fi
    end

    begin "shellcheck passes on the first-boot script inside cloud-init.yaml"
    local output
    if [[ ! -f "$work/first-boot.sh" ]]; then
        problem "the first-boot script could not be extracted"
    elif ! output=$(shellcheck -s bash -- "$work/first-boot.sh" 2>&1); then
        problem "shellcheck reported:"
        while IFS= read -r line; do problem "  $line"; done <<<"$output"
    fi
    end
}

# cloud-init's own schema check, run from Debian's cloud-init package unpacked into the temp dir (not
# installed: installing cloud-init would add boot services to this machine). Skipped when apt cannot
# download the packages.
readonly CLOUD_INIT_PACKAGES="cloud-init python3-jsonschema python3-attr python3-pyrsistent python3-configobj
python3-jinja2 python3-markupsafe python3-jsonpatch python3-json-pointer"

test_cloud_init_schema() {
    local debs="$work/cloud-init-debs" root="$work/cloud-init-root" deb output
    mkdir -p -- "$debs" "$root"
    # shellcheck disable=SC2086 # a list of package names
    if ! command -v apt-get >/dev/null 2>&1 ||
        ! { (cd -- "$debs" && apt-get download -q $CLOUD_INIT_PACKAGES) >"$work/cloud-init-download.log" 2>&1 ||
            { [[ "$(id -u)" -eq 0 ]] && apt-get update -q >>"$work/cloud-init-download.log" 2>&1 &&
                (cd -- "$debs" && apt-get download -q $CLOUD_INIT_PACKAGES) >>"$work/cloud-init-download.log" 2>&1; }; }; then
        printf 'SKIP  cloud-init schema check: could not download the cloud-init packages (%s)\n' \
            "$(tail -n 1 -- "$work/cloud-init-download.log" 2>/dev/null)"
        return
    fi
    for deb in "$debs"/*.deb; do
        dpkg-deb -x "$deb" "$root"
    done
    begin "cloud-init schema (Debian's cloud-init) accepts cloud-init.yaml"
    out_file=""
    if ! output=$(PYTHONPATH="$root/usr/lib/python3/dist-packages" /usr/bin/python3 -m cloudinit.cmd.main schema \
        --config-file "$env_setup_dir/cloud-init.yaml" 2>&1); then
        problem "cloud-init schema reported: $output"
    elif ! grep -q "Valid cloud-config" <<<"$output"; then
        problem "cloud-init schema did not say the file is valid: $output"
    fi
    end

    begin "cloud-init schema rejects a broken copy (the check really validates)"
    sed 's/^package_update: true/package_update: "yes please"/' "$env_setup_dir/cloud-init.yaml" >"$work/broken-cloud-init.yaml"
    if output=$(PYTHONPATH="$root/usr/lib/python3/dist-packages" /usr/bin/python3 -m cloudinit.cmd.main schema \
        --config-file "$work/broken-cloud-init.yaml" 2>&1); then
        problem "cloud-init schema accepted package_update: \"yes please\": $output"
    fi
    end
}

ansible_env() {
    env ANSIBLE_CONFIG="$ansible_dir/ansible.cfg" ANSIBLE_HOME="$work/ansible-home" \
        ANSIBLE_LOCAL_TEMP="$work/ansible-home/tmp" ANSIBLE_REMOTE_TEMP="$work/ansible-home/remote-tmp" \
        ANSIBLE_ASYNC_DIR="$work/ansible-home/async" ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=false "$@"
}

# Runs the playbook on the stand-in localhost fleet with more stand-in variables (JSON members) for setup.sh:
# run_playbook_with NAME '"FAKE_X": "1"'. Sets out_file, err_file and rc.
run_playbook_with() {
    local name=$1 more=$2
    out_file="$work/$name.out"
    err_file="$work/$name.err"
    ansible_env ansible-playbook -i "$work/ansible-inventory.ini" "$ansible_dir/bench.yml" -e "@$work/ansible-vars.json" \
        -e '{"mbench_environment": {"PATH": "'"$fake_bin:$PATH"'", "MBENCH_OS_RELEASE": "'"$fixtures_dir/os-release.debian12"'",
             "FAKE_INSTALLED": "openjdk-17-jdk-headless git", '"$more"'}}' >"$out_file" 2>"$err_file"
    rc=$?
}

test_ansible() {
    begin "the playbook passes ansible-playbook --syntax-check with the example inventory"
    out_file="$work/ansible-syntax.out"
    err_file="$work/ansible-syntax.err"
    ansible_env ansible-playbook -i "$ansible_dir/inventory.example.ini" --syntax-check "$ansible_dir/bench.yml" \
        >"$out_file" 2>"$err_file"
    rc=$?
    expect_rc 0
    end

    local toolkit="$work/ansible-toolkit" remote="$work/ansible-remote" data="$work/ansible-data"
    make_fake_toolkit "$toolkit"
    git -C "$toolkit" init -q &&
        git -C "$toolkit" add -A &&
        git -C "$toolkit" -c user.name=env-setup-tests -c user.email=tests@localhost commit -q -m "stand-in toolkit"
    cat >"$work/ansible-vars.json" <<EOF
{
  "mbench_toolkit_dir": "$toolkit",
  "mbench_remote_dir": "$remote",
  "mbench_profile": "smoke",
  "mbench_data_dir": "$data",
  "mbench_poll_seconds": 1,
  "mbench_environment": {
    "PATH": "$fake_bin:$PATH",
    "MBENCH_OS_RELEASE": "$fixtures_dir/os-release.debian12",
    "FAKE_INSTALLED": "openjdk-17-jdk-headless git"
  }
}
EOF
    # The label comes from the inventory, so the run also shows that host settings win over the role defaults.
    printf '[merkle_bench]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 mbench_label=vm-local\n' \
        >"$work/ansible-inventory.ini"
    begin "the playbook runs setup.sh on localhost and unpacks results/<label>/<run>/ on the controller"
    out_file="$work/ansible-run.out"
    err_file="$work/ansible-run.err"
    ansible_env ansible-playbook -i "$work/ansible-inventory.ini" "$ansible_dir/bench.yml" \
        -e "@$work/ansible-vars.json" >"$out_file" 2>"$err_file"
    rc=$?
    expect_rc 0
    local run_dir="$toolkit/results/vm-local/20261123T150000Z"
    for file in results.csv host.properties setup-facts.txt; do
        [[ -f "$run_dir/$file" ]] || problem "no $run_dir/$file on the controller"
    done
    [[ -f "$toolkit/target/env-setup/fetched/localhost/merkle-bench-vm-local-20261123T150000Z.tar.gz" ]] ||
        problem "the fetched tarball is not under $toolkit/target/env-setup/fetched/localhost/"
    [[ -d "$remote/toolkit/.git" ]] || problem "the host did not clone the toolkit bundle into $remote/toolkit"
    grep -Eq "^localhost +done +$toolkit/results/vm-local/20261123T150000Z$" "$toolkit/target/env-setup/fetched/summary.txt" ||
        problem "the summary does not say localhost is done with results/vm-local/20261123T150000Z"
    end

    # The summary's other outcomes (issue 18); the ssh fleet test (fleet.sh) covers unreachable hosts and a failed
    # playbook step.
    begin "the playbook brings home a run with failed benchmark cases, says so in the summary and exits non-zero"
    run_playbook_with ansible-cases '"FAKE_RUN_NAME": "20261123T160000Z", "FAKE_MBENCH_EXIT_AFTER_RUN": "2"'
    expect_rc_nonzero
    [[ -f "$toolkit/results/vm-local/20261123T160000Z/results.csv" ]] || problem "the partial run was not unpacked"
    grep -Eq "^localhost +cases failed +$toolkit/results/vm-local/20261123T160000Z \(some benchmark cases failed" \
        "$toolkit/target/env-setup/fetched/summary.txt" || problem "the summary does not say some benchmark cases failed"
    expect_stdout_contains "1 of 1 hosts not done: localhost (cases failed)"
    end

    begin "a failing setup.sh step is named in the summary and the playbook exits non-zero"
    run_playbook_with ansible-step '"FAKE_MBENCH_EXIT": "7"'
    expect_rc_nonzero
    grep -Fq "localhost            failed        step Run setup.sh (install, build, benchmark, pack): setup.sh: FAILED in step 'run the benchmarks (profile smoke, label vm-local)': mbench run exited with status 7" \
        "$toolkit/target/env-setup/fetched/summary.txt" || problem "the summary does not name setup.sh's failed step"
    end
}

main() {
    ensure_tools
    make_fake_bin
    test_shellcheck
    test_supported_systems
    test_unsupported_systems
    test_idempotence
    test_non_root
    test_plan_steps
    test_option_errors
    test_real_run_with_stand_in_toolkit
    test_cloud_init
    test_cloud_init_schema
    test_ansible
    finish
}

main "$@"
