#!/usr/bin/env bash
# The fleet path for real (issue 18): env-setup/ansible/bench.yml over ssh against test hosts on this machine,
# each an sshd of its own on a loopback address, with its own host key, client key, non-root login user with
# passwordless sudo and home directory, so that the playbook cannot tell them from VMs:
#
#   vm-a         127.0.0.2  a good host
#   vm-b         127.0.0.3  a good host
#   vm-readonly  127.0.0.4  reachable, but its working directory is read-only for its user: setup fails
#   vm-gone      127.0.0.9  nothing listens there: unreachable
#
# The playbook runs the smoke profile on all four (mbench_ship_jars: the controller's jars are copied to the hosts,
# see README-fleet.md for why), and the test checks that the good hosts' results come home complete, that the
# summary names the two failed hosts and why, that the playbook exits non-zero, and that mbench hosts, mbench diff
# and mbench report --hosts work on what came home. Takes about 3 minutes on 2 cores (the two smoke runs share them).
#
# Needs root (users, sshd), Ansible, openssh-server and sudo; as root it installs missing ones from Debian's
# packages without starting the system's sshd. Without them it is skipped with the reason (--require: fails
# instead, for CI). Writes in one temporary directory; the test users, their sudoers file and the sshds live only
# as long as the test. MBENCH_FLEET_KEEP=1 keeps the temporary directory (results, playbook output, report).
# MBENCH_FLEET_SSH_PORT picks the port the test sshds listen on (default 2202). Ends with "N passed, M failed".
set -uo pipefail

tests_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
env_setup_dir="$(dirname -- "$tests_dir")"
repo_dir="$(dirname -- "$env_setup_dir")"
ansible_dir="$env_setup_dir/ansible"

readonly SSH_PORT="${MBENCH_FLEET_SSH_PORT:-2202}"
readonly USER_PREFIX=mbfleet-
# label address user-suffix: the hosts that have an sshd (vm-gone has none).
readonly HOSTS_WITH_SSHD=("vm-a 127.0.0.2 a" "vm-b 127.0.0.3 b" "vm-readonly 127.0.0.4 ro")
readonly GOOD_LABELS=(vm-a vm-b)
readonly GONE_ADDRESS=127.0.0.9
readonly SUDOERS_FILE=/etc/sudoers.d/merkle-bench-fleet-test
readonly PACKAGES=(ansible-core openssh-server sudo)

require=false
if [[ "${1:-}" == --require ]]; then
    require=true
fi

skip() {
    if [[ "$require" == true ]]; then
        printf 'FAIL  ssh fleet test cannot run (--require): %s\n' "$1"
        failed=$((failed + 1))
        finish
    fi
    printf 'SKIP  ssh fleet test: %s\n' "$1"
    printf '0 passed, 0 failed, 1 skipped\n'
    exit 0
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$tests_dir/lib.sh"

if [[ "$(id -u)" -ne 0 ]]; then
    skip "it needs root, to add the test users and start their sshds"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/env-setup-fleet.XXXXXX")"
# The test users' homes live inside: they must be able to reach them.
chmod 755 -- "$work"

# ---------------------------------------------------------------------------------------------------------
# Tools

missing_packages() {
    local package
    for package in "${PACKAGES[@]}"; do
        [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]] || printf '%s\n' "$package"
    done
}

# Installs what is missing. policy-rc.d (exit 101) keeps the package from starting the system's sshd, which would
# listen on every address; /etc/ssh/sshd_not_to_be_run (honoured by Debian's ssh unit and init script) keeps it
# from starting at the next boot: this test's sshds are the only ones it brings.
install_tools() {
    local missing policy=/usr/sbin/policy-rc.d own_policy=false
    command -v dpkg-query >/dev/null 2>&1 || skip "no dpkg-query: the test installs Debian packages"
    missing=$(missing_packages)
    [[ -z "$missing" ]] && return 0
    command -v apt-get >/dev/null 2>&1 || skip "missing $(printf '%s' "$missing" | tr '\n' ' ')and no apt-get to install them"
    printf 'installing from Debian packages: %s\n' "$(printf '%s' "$missing" | tr '\n' ' ')"
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\n# merkle-bench fleet test: no service starts during its package install.\nexit 101\n' >"$policy"
        chmod 755 -- "$policy"
        own_policy=true
    fi
    local ssh_was_installed=true
    grep -qx openssh-server <<<"$missing" && ssh_was_installed=false
    # shellcheck disable=SC2086 # one package name a line
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >"$work/apt.log" 2>&1; then
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$work/apt.log" 2>&1 &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >>"$work/apt.log" 2>&1
    fi
    [[ "$own_policy" == true ]] && rm -f -- "$policy"
    if [[ "$ssh_was_installed" == false && -d /etc/ssh ]]; then
        touch /etc/ssh/sshd_not_to_be_run
    fi
    missing=$(missing_packages)
    if [[ -n "$missing" ]]; then
        skip "could not install $(printf '%s' "$missing" | tr '\n' ' ')(apt-get: $(tail -n 1 -- "$work/apt.log"))"
    fi
}

# ---------------------------------------------------------------------------------------------------------
# Test hosts

user_of() {
    printf '%s%s' "$USER_PREFIX" "$1"
}

# Ends the processes a test user still has (its ssh sessions, Ansible's async wrapper), by id, then the user.
remove_user() {
    local user=$1 pid
    id -u "$user" >/dev/null 2>&1 || return 0
    for pid in $(ps -u "$user" -o pid= 2>/dev/null); do
        kill "$pid" 2>/dev/null
    done
    sleep 0.2
    for pid in $(ps -u "$user" -o pid= 2>/dev/null); do
        kill -9 "$pid" 2>/dev/null
    done
    userdel "$user" 2>/dev/null || userdel -f "$user" 2>/dev/null
}

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    local socket pid_file entry label address suffix
    for socket in "$work"/ansible-home/cp/*; do
        [[ -S "$socket" ]] && ssh -o ControlPath="$socket" -O exit placeholder >/dev/null 2>&1
    done
    for pid_file in "$work"/hosts/*/sshd.pid; do
        [[ -f "$pid_file" ]] && kill "$(cat -- "$pid_file")" 2>/dev/null
    done
    for entry in "${HOSTS_WITH_SSHD[@]}"; do
        read -r label address suffix <<<"$entry"
        remove_user "$(user_of "$suffix")"
    done
    rm -f -- "$SUDOERS_FILE"
    if [[ "${MBENCH_FLEET_KEEP:-0}" == 1 ]]; then
        printf 'kept %s (results/, playbook.out, fetched/summary.txt, fleet-report/)\n' "$work"
    else
        rm -rf -- "$work"
    fi
}

port_in_use() {
    local address=$1
    [[ -n "$(ss -Hltn "( sport = :$SSH_PORT )" 2>/dev/null | awk -v a="$address:$SSH_PORT" '$4 == a || $4 == "0.0.0.0:'"$SSH_PORT"'" || $4 == "*:'"$SSH_PORT"'"')" ]]
}

# One test host: a user with passwordless sudo and a home of its own, a host key, a client key, an sshd.
make_host() {
    local label=$1 address=$2 user=$3
    local dir="$work/hosts/$label" home="$work/hosts/$label/home"
    mkdir -p -- "$dir"
    remove_user "$user"
    # '*': no password, but not a locked account (sshd refuses locked accounts without PAM).
    useradd --home-dir "$home" --create-home --shell /bin/bash --password '*' "$user" || return 1
    printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\n' "$user" >>"$SUDOERS_FILE"
    ssh-keygen -q -t ed25519 -N '' -C "merkle-bench fleet test host $label" -f "$dir/ssh_host_ed25519_key" || return 1
    ssh-keygen -q -t ed25519 -N '' -C "merkle-bench fleet test key for $label" -f "$work/keys/$label" || return 1
    install -d -m 700 -o "$user" -g "$user" -- "$home/.ssh"
    install -d -m 700 -o "$user" -g "$user" -- "$dir/tmp"
    install -m 600 -o "$user" -g "$user" -- "$work/keys/$label.pub" "$home/.ssh/authorized_keys"
    printf '[%s]:%s %s\n' "$address" "$SSH_PORT" "$(cut -d ' ' -f 1,2 -- "$dir/ssh_host_ed25519_key.pub")" >>"$work/known_hosts"
    cat >"$dir/sshd_config" <<EOF
# merkle-bench fleet test host $label: loopback only, keys only, one user.
ListenAddress $address:$SSH_PORT
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
AuthorizedKeysFile .ssh/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $user
UsePAM no
StrictModes yes
X11Forwarding no
AllowTcpForwarding no
Subsystem sftp internal-sftp
EOF
    # sshd re-executes itself by absolute path and needs its privilege separation directory.
    /usr/sbin/sshd -t -f "$dir/sshd_config" || return 1
    /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log" || return 1
    local tries
    for tries in $(seq 1 50); do
        [[ -s "$dir/sshd.pid" ]] && ss -Hltn "( sport = :$SSH_PORT )" | grep -Fq "$address:$SSH_PORT" && return 0
        sleep 0.1
    done
    printf 'sshd for %s did not start listening on %s:%s (tries=%s); its log:\n' "$label" "$address" "$SSH_PORT" "$tries"
    cat -- "$dir/sshd.log"
    return 1
}

make_hosts() {
    local entry label address suffix
    mkdir -p -- "$work/keys" /run/sshd
    chmod 755 /run/sshd
    : >"$work/known_hosts"
    : >"$SUDOERS_FILE"
    chmod 440 -- "$SUDOERS_FILE"
    for entry in "${HOSTS_WITH_SSHD[@]}"; do
        read -r label address suffix <<<"$entry"
        if port_in_use "$address"; then
            skip "port $SSH_PORT is taken on $address (set MBENCH_FLEET_SSH_PORT to a free port)"
        fi
        make_host "$label" "$address" "$(user_of "$suffix")" || skip "could not set up test host $label on $address"
    done
    visudo -cqf "$SUDOERS_FILE" || skip "the test sudoers file does not validate"
    # vm-readonly: its working directory exists but belongs to root, so its user can write nothing there.
    install -d -m 755 -o root -g root -- "$work/hosts/vm-readonly/home/merkle-bench-setup"
}

write_inventory() {
    local entry label address suffix
    {
        printf '# The test hosts: each a VM to Ansible (own address, login user, key and host key).\n[merkle_bench]\n'
        for entry in "${HOSTS_WITH_SSHD[@]}"; do
            read -r label address suffix <<<"$entry"
            # A temporary directory of its own, as a VM has its own /tmp: the measuring locks (mbench's and JMH's)
            # live there, so the two good hosts run at once, as VMs do, instead of refusing each other.
            printf "%s ansible_host=%s ansible_user=%s ansible_ssh_private_key_file=%s mbench_environment=\"{'TMPDIR': '%s', 'MBENCH_JAVA_OPTS': '-Djava.io.tmpdir=%s'}\"\n" \
                "$label" "$address" "$(user_of "$suffix")" "$work/keys/$label" "$work/hosts/$label/tmp" "$work/hosts/$label/tmp"
        done
        printf 'vm-gone ansible_host=%s ansible_user=%s ansible_ssh_private_key_file=%s\n' \
            "$GONE_ADDRESS" "$(user_of a)" "$work/keys/vm-a"
        printf '\n[merkle_bench:vars]\nansible_port=%s\nansible_python_interpreter=/usr/bin/python3\n' "$SSH_PORT"
        printf "ansible_ssh_common_args='-o UserKnownHostsFile=%s -o IdentitiesOnly=yes'\n" "$work/known_hosts"
    } >"$work/inventory.ini"
}

ansible_env() {
    env ANSIBLE_CONFIG="$ansible_dir/ansible.cfg" ANSIBLE_HOME="$work/ansible-home" \
        ANSIBLE_LOCAL_TEMP="$work/ansible-home/tmp" ANSIBLE_SSH_CONTROL_PATH_DIR="$work/ansible-home/cp" \
        ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=false "$@"
}

# The controller: this checkout when its sources are committed (CI's clean clone: its jars are reused), else a
# clone of its HEAD, since the shipped jars must be the bundled commit's (the playbook checks that too).
pick_controller() {
    if [[ -z "$(git -C "$repo_dir" status --porcelain --untracked-files=all -- ':(glob)**/*.java' \
        ':(glob)**/pom.xml' ':(glob)**/src/main/resources/**')" ]]; then
        controller=$repo_dir
    else
        controller="$work/controller"
        printf 'note: %s has uncommitted source changes; the fleet runs its HEAD from a clone in %s\n' "$repo_dir" "$controller"
        git clone -q -- "$repo_dir" "$controller" || skip "could not clone $repo_dir"
    fi
}

# ---------------------------------------------------------------------------------------------------------
# Tests

test_hosts_are_like_vms() {
    begin "each test host takes its own key and user over ssh, and its user has passwordless sudo (become)"
    out_file="$work/become.out"
    err_file="$work/become.err"
    ansible_env ansible -i "$work/inventory.ini" 'vm-a:vm-b:vm-readonly' -m ansible.builtin.command \
        -a 'id -un' >"$out_file" 2>"$err_file"
    rc=$?
    expect_rc 0
    local entry label address suffix
    for entry in "${HOSTS_WITH_SSHD[@]}"; do
        read -r label address suffix <<<"$entry"
        grep -A1 -F "$label | CHANGED" "$out_file" | grep -qx "$(user_of "$suffix")" ||
            problem "$label did not log in as $(user_of "$suffix")"
    done
    ansible_env ansible -i "$work/inventory.ini" 'vm-a:vm-b' -m ansible.builtin.command -a 'id -u' --become \
        >"$work/become-root.out" 2>>"$err_file" || problem "become (sudo) failed: $(tail -n 3 -- "$work/become-root.out")"
    [[ "$(grep -cx 0 "$work/become-root.out")" -eq 2 ]] || problem "become did not give uid 0 on both good hosts"
    end
}

run_playbook() {
    cat >"$work/vars.json" <<EOF
{
  "mbench_toolkit_dir": "$controller",
  "mbench_results_dir": "$work/results",
  "mbench_fetch_dir": "$work/fetched",
  "mbench_profile": "smoke",
  "mbench_ship_jars": true,
  "mbench_poll_seconds": 5,
  "mbench_timeout_seconds": 1800
}
EOF
    local started=$SECONDS
    printf 'running: ansible-playbook -i inventory.ini bench.yml -e @vars.json (4 hosts, smoke profile)\n'
    (cd -- "$ansible_dir" && ansible_env ansible-playbook -i "$work/inventory.ini" bench.yml -e "@$work/vars.json") \
        >"$work/playbook.out" 2>"$work/playbook.err"
    playbook_rc=$?
    playbook_seconds=$((SECONDS - started))
    printf 'playbook exit status %s after %s s\n' "$playbook_rc" "$playbook_seconds"
}

test_summary() {
    local summary="$work/fetched/summary.txt" label
    out_file="$work/playbook.out"
    err_file="$work/playbook.err"
    begin "the playbook finishes the good hosts and exits non-zero for the two failed ones"
    rc=$playbook_rc
    expect_rc_nonzero
    grep -Fq "2 of 4 hosts not done: vm-readonly (failed), vm-gone (unreachable)" "$out_file" ||
        problem "the playbook's last message does not name the two failed hosts"
    end

    begin "the summary names every host: done with its results folder, or why not"
    if [[ ! -f "$summary" ]]; then
        problem "no summary at $summary"
    else
        for label in "${GOOD_LABELS[@]}"; do
            grep -Eq "^$label +done +$work/results/$label/[0-9]{8}T[0-9]{6}Z$" "$summary" ||
                problem "summary lacks '$label done $work/results/$label/<run>'"
        done
        grep -Eq "^vm-gone +unreachable +ssh $(user_of a)@$GONE_ADDRESS port $SSH_PORT: .+" "$summary" ||
            problem "summary does not say vm-gone is unreachable at $GONE_ADDRESS"
        grep -Eq "^vm-readonly +failed +step Copy setup.sh to the host: .*(not writable|ermission denied)" "$summary" ||
            problem "summary does not say vm-readonly failed copying setup.sh into its read-only directory"
    fi
    end
}

test_results_came_home() {
    local label run_dir file key commit
    commit=$(git -C "$controller" rev-parse HEAD)
    for label in "${GOOD_LABELS[@]}"; do
        begin "$label: its tarball was fetched and unpacked into results/$label/<run>/ with complete host facts"
        out_file=""
        run_dir=$(find "$work/results/$label" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -n 1)
        if [[ -z "$run_dir" ]]; then
            problem "no run folder under $work/results/$label"
            end
            continue
        fi
        compgen -G "$work/fetched/$label/merkle-bench-$label-*.tar.gz" >/dev/null ||
            problem "no fetched tarball in $work/fetched/$label"
        for file in host.properties results.csv samples.csv plan.json order.csv setup-facts.txt report.html; do
            [[ -s "$run_dir/$file" ]] || problem "no $file in $run_dir"
        done
        for key in cpu.model cpu.cores memory.bytes kernel os jvm.version jvm.vendor fs.type run.startUtc; do
            grep -Eq "^$key=.+" "$run_dir/host.properties" || problem "host.properties has no $key"
        done
        grep -Fxq "label=$label" "$run_dir/host.properties" || problem "host.properties does not say label=$label"
        grep -Fxq "profile=smoke" "$run_dir/host.properties" || problem "host.properties does not say profile=smoke"
        grep -Fxq "git.commit=$commit" "$run_dir/host.properties" ||
            problem "host.properties does not record the bundled commit $commit"
        for key in "label:.*$label" "cpu model:.*[^ ]" "java version:.*[^ ]" "toolkit commit:.*$commit" \
            "data dir:.*$work/hosts/$label/home/"; do
            grep -Eq "^$key" "$run_dir/setup-facts.txt" || problem "setup-facts.txt lacks /$key/"
        done
        [[ "$(wc -l <"$run_dir/results.csv")" -gt 10 ]] || problem "results.csv has fewer than 10 rows"
        end
    done
}

test_mbench_on_the_fleet() {
    begin "mbench hosts lists both good hosts"
    out_file="$work/hosts.out"
    err_file="$work/hosts.err"
    "$controller/mbench" hosts "$work/results" >"$out_file" 2>"$err_file"
    rc=$?
    expect_rc 0
    expect_stdout_contains "vm-a "
    expect_stdout_contains "vm-b "
    grep -Eq '^ *vm-(readonly|gone) ' "$out_file" && problem "mbench hosts lists a failed host"
    end

    begin "mbench diff compares the two hosts"
    out_file="$work/diff.out"
    err_file="$work/diff.err"
    "$controller/mbench" diff "$work/results/vm-a" "$work/results/vm-b" >"$out_file" 2>"$err_file"
    rc=$?
    expect_rc 0
    expect_stdout_contains "vm-a/"
    expect_stdout_contains "vm-b/"
    end

    begin "mbench report --hosts writes the fleet report with vm-b as the base"
    out_file="$work/report.out"
    err_file="$work/report.err"
    mkdir -p -- "$work/fleet-report"
    "$controller/mbench" report --hosts "$work/results" --base vm-b --out "$work/fleet-report/fleet.html" \
        >"$out_file" 2>"$err_file"
    rc=$?
    expect_rc 0
    if [[ -f "$work/fleet-report/fleet.html" ]]; then
        grep -Fq 'id="fleet"' "$work/fleet-report/fleet.html" || problem "the report has no fleet section"
        grep -Fq 'vm-a' "$work/fleet-report/fleet.html" || problem "the report does not name vm-a"
    else
        problem "no $work/fleet-report/fleet.html"
    fi
    end
}

main() {
    trap cleanup EXIT
    install_tools
    make_hosts
    write_inventory
    pick_controller
    local results_before
    results_before=$(find "$repo_dir/results" 2>/dev/null | sort)
    test_hosts_are_like_vms
    run_playbook
    sed -n '/^TASK \[Fleet summary/,/^}/p' "$work/playbook.out"
    test_summary
    test_results_came_home
    test_mbench_on_the_fleet
    begin "the repository's results/ is untouched"
    out_file=""
    [[ "$(find "$repo_dir/results" 2>/dev/null | sort)" == "$results_before" ]] || problem "files appeared in $repo_dir/results"
    end
    if ((failed > 0)); then
        printf -- '--- playbook output (last 60 lines) ---\n'
        tail -n 60 -- "$work/playbook.out"
    fi
    finish
}

main "$@"
