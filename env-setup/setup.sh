#!/usr/bin/env bash
# setup.sh: turn a fresh Linux VM into a merkle-bench host, run one benchmark profile on it and pack the
# results into one tarball whose path is the last line printed.
#
# Steps: detect the OS -> install a JDK 17+ and git -> get the toolkit -> pick the JDK -> build with the Maven
# wrapper -> prepare directories and the open-files limit -> collect host facts -> mbench run -> mbench report
# and pack.
# Safe to run twice: installed packages are not reinstalled, an existing clone is fetched again, every run
# writes a new timestamped results directory and a new tarball.
#
# Run as root, or as a user with sudo (only the package installation uses it). `--help` lists the options.
set -Eeuo pipefail

readonly DEFAULT_PROFILE=standard
# RocksDB keeps every table file open by default (max_open_files=-1) and the benchmarks open several stores
# at once; 65536 leaves room for that, where many images still give a soft limit of 1024.
readonly DEFAULT_NOFILE=65536
# mbench names each run directory after its UTC start time: yyyyMMdd'T'HHmmss'Z'.
readonly RUN_DIR_PATTERN='^[0-9]{8}T[0-9]{6}Z$'
readonly LABEL_PATTERN='^[A-Za-z0-9][A-Za-z0-9._-]*$'
readonly APT_LOCK_TIMEOUT_SECONDS=600
readonly MIN_JAVA_MAJOR=17

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
readonly script_dir

profile="$DEFAULT_PROFILE"
label=""
data_dir=""
repo_url=""
repo_ref=""
work_dir=""
tarball_dir=""
jdk_package=""
nofile="$DEFAULT_NOFILE"
dry_run=false
skip_install=false
maven_offline=false
prebuilt=""
mbench_extra_args=()
os_release_file="${MBENCH_OS_RELEASE:-/etc/os-release}"

current_step="read the command line"
step_number=0
readonly step_total=9

usage() {
    cat <<'EOF'
Usage: setup.sh [options] [-- extra mbench run options]

Prepares this machine (JDK 17+ and git from the system packages), builds merkle-bench, runs
`mbench run` and packs results/<label>/<run>/ into a tarball whose path is printed last.

Options:
  --profile NAME      benchmark profile: smoke, quick, standard, full (default: standard)
  --label NAME        host label used for results/<label>/ (default: this host's short name)
  --data-dir DIR      where the stores put their files; choose the disk you want to measure
                      (default: <toolkit>/target/mbench-data)
  --repo URL          clone the toolkit from URL (a git URL, path or bundle) instead of using the
                      checkout this script lives in
  --ref REF           branch, tag or full commit hash to check out with --repo (default: HEAD of URL)
  --work-dir DIR      where --repo is cloned (default: /opt/merkle-bench as root, ~/merkle-bench otherwise)
  --tarball-dir DIR   where the tarball is written (default: <toolkit>/target/env-setup)
  --jdk-package NAME  install this JDK package instead of the one chosen for the detected release
  --nofile N          open-files limit to raise to for the run (default: 65536)
  --offline           build with Maven offline (-o): every dependency must already be in ~/.m2
  --prebuilt TARBALL  do not build: unpack TARBALL (the launcher's jars, built from the same commit on
                      another Linux machine, paths relative to the toolkit root) into the toolkit
  --skip-install      do not install packages (a JDK 17+ and git must already be present)
  --dry-run           print every command that would change something, run none of them
  -h, --help          print this help

Supported: Debian 11+, Ubuntu 20.04+, RHEL/Rocky/AlmaLinux 8-10, Amazon Linux 2 and 2023, Fedora 36+.
The OS is read from /etc/os-release (or the file named by the MBENCH_OS_RELEASE variable).

Exit status: 0 done (the last line printed is the tarball path), 2 wrong options, 3 unsupported OS
(nothing changed), 4 done but some benchmark cases failed (the tarball holds the others, its path is
still the last line), otherwise the status of the step that failed, which is named on stderr.
EOF
}

# ---------------------------------------------------------------------------------------------------------
# Output and command helpers

log() {
    printf '%s\n' "$*"
}

fail() {
    printf 'setup.sh: error: %s\n' "$*" >&2
    exit 1
}

usage_error() {
    printf 'setup.sh: %s\nRun setup.sh --help for the options.\n' "$*" >&2
    exit 2
}

on_error() {
    local status=$1 line=$2
    printf "setup.sh: FAILED in step '%s' (exit status %s, setup.sh line %s)\n" "$current_step" "$status" "$line" >&2
    exit "$status"
}
trap 'on_error $? $LINENO' ERR

step() {
    step_number=$((step_number + 1))
    current_step="$1"
    log ""
    log "==> [$step_number/$step_total] $1"
}

# Prints a word so that it can be pasted into a shell: plain when safe, single-quoted otherwise.
shell_word() {
    local word=$1
    if [[ "$word" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
        printf '%s' "$word"
    else
        printf "'%s'" "${word//\'/\'\\\'\'}"
    fi
}

print_command() {
    local line="+" word
    for word in "$@"; do
        line+=" $(shell_word "$word")"
    done
    log "$line"
}

# Runs a command (or, with --dry-run, only prints it).
run() {
    print_command "$@"
    if [[ "$dry_run" == false ]]; then
        "$@"
    fi
}

# Runs a command in a directory without changing the script's own directory.
run_in() {
    local dir=$1
    shift
    local line word
    line="+ (cd $(shell_word "$dir") &&"
    for word in "$@"; do
        line+=" $(shell_word "$word")"
    done
    log "$line)"
    if [[ "$dry_run" == false ]]; then
        # The subshell inherits the ERR trap (set -E); drop it there so a failure is reported once, by the caller.
        (
            trap - ERR
            cd "$dir" && "$@"
        )
    fi
}

# Runs a command that needs root: directly as root, through sudo otherwise.
run_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        run "$@"
        return
    fi
    if [[ "$dry_run" == false ]] && ! command -v sudo >/dev/null 2>&1; then
        fail "installing packages needs root, and sudo is not installed: run setup.sh as root, or use --skip-install with a JDK 17+ and git already installed"
    fi
    # -n: fail at once when sudo wants a password, rather than hang a cloud-init or Ansible run waiting for one.
    run sudo -n "$@"
}

absolute_path() {
    case "$1" in
        /*) printf '%s' "$1" ;;
        *) printf '%s/%s' "$PWD" "$1" ;;
    esac
}

# ---------------------------------------------------------------------------------------------------------
# Command line

need_value() {
    if [[ $# -lt 2 || -z "$2" || "$2" == --* ]]; then
        usage_error "option $1 needs a value"
    fi
}

parse_args() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --profile) need_value "$@"; profile=$2; shift 2 ;;
            --label) need_value "$@"; label=$2; shift 2 ;;
            --data-dir) need_value "$@"; data_dir=$(absolute_path "$2"); shift 2 ;;
            --repo) need_value "$@"; repo_url=$2; shift 2 ;;
            --ref) need_value "$@"; repo_ref=$2; shift 2 ;;
            --work-dir) need_value "$@"; work_dir=$(absolute_path "$2"); shift 2 ;;
            --tarball-dir) need_value "$@"; tarball_dir=$(absolute_path "$2"); shift 2 ;;
            --jdk-package) need_value "$@"; jdk_package=$2; shift 2 ;;
            --nofile) need_value "$@"; nofile=$2; shift 2 ;;
            --offline) maven_offline=true; shift ;;
            --prebuilt) need_value "$@"; prebuilt=$(absolute_path "$2"); shift 2 ;;
            --skip-install) skip_install=true; shift ;;
            --dry-run) dry_run=true; shift ;;
            -h | --help) usage; exit 0 ;;
            --) shift; mbench_extra_args=("$@"); break ;;
            *) usage_error "unknown option: $1" ;;
        esac
    done

    case "$profile" in
        smoke | quick | standard | full) ;;
        *) usage_error "--profile must be one of smoke, quick, standard, full: --profile=$profile" ;;
    esac
    if [[ -z "$label" ]]; then
        label=$(uname -n)
        label=${label%%.*}
    fi
    if [[ ! "$label" =~ $LABEL_PATTERN ]]; then
        usage_error "--label must be letters, digits, '.', '_' or '-' and start with a letter or digit: --label=$label"
    fi
    if [[ ! "$nofile" =~ ^[0-9]+$ ]] || ((nofile < 1024)); then
        usage_error "--nofile must be a whole number of at least 1024: --nofile=$nofile"
    fi
    if [[ -n "$repo_ref" && -z "$repo_url" ]]; then
        usage_error "--ref needs --repo: --ref=$repo_ref"
    fi
    if [[ -n "$work_dir" && -z "$repo_url" ]]; then
        usage_error "--work-dir needs --repo (without --repo the toolkit is the checkout holding setup.sh): --work-dir=$work_dir"
    fi
    if [[ -n "$repo_url" ]]; then
        # git runs in the work dir (git -C), so a local path or bundle given relative to here must be made absolute.
        if [[ -e "$repo_url" ]]; then
            repo_url=$(absolute_path "$repo_url")
        fi
        if [[ -z "$work_dir" ]]; then
            if [[ "$(id -u)" -eq 0 ]]; then
                work_dir=/opt/merkle-bench
            else
                work_dir="$HOME/merkle-bench"
            fi
        fi
        # Checked before anything is installed, so a wrong directory changes nothing.
        if [[ -e "$work_dir" && ! -d "$work_dir/.git" ]] && [[ -n "$(ls -A -- "$work_dir" 2>/dev/null || printf x)" ]]; then
            usage_error "--work-dir $work_dir exists and is not a git clone: choose an empty or new directory for the toolkit clone"
        fi
    fi
    if [[ -n "$prebuilt" && "$dry_run" == false && ! -r "$prebuilt" ]]; then
        usage_error "--prebuilt must name a readable tarball of built jars: --prebuilt=$prebuilt"
    fi
    if [[ -n "$jdk_package" && ! "$jdk_package" =~ ^[A-Za-z0-9][A-Za-z0-9.+_-]*$ ]]; then
        usage_error "--jdk-package is not a package name: --jdk-package=$jdk_package"
    fi
}

# ---------------------------------------------------------------------------------------------------------
# Operating system and packages

os_id=""
os_version=""
os_name=""
package_manager=""
packages_to_install=()

os_release_value() {
    local wanted=$1 key value
    while IFS='=' read -r key value || [[ -n "$key" ]]; do
        if [[ "$key" == "$wanted" ]]; then
            value=${value%\"}
            value=${value#\"}
            value=${value%\'}
            value=${value#\'}
            printf '%s' "$value"
            return 0
        fi
    done <"$os_release_file"
    return 0
}

unsupported_os() {
    printf 'setup.sh: unsupported operating system: %s (ID=%s VERSION_ID=%s, read from %s)\n' \
        "${os_name:-unknown}" "${os_id:-?}" "${os_version:-?}" "$os_release_file" >&2
    printf '%s\n' "$1" >&2
    printf 'Supported: Debian 11+, Ubuntu 20.04+, RHEL/Rocky/AlmaLinux 8-10, Amazon Linux 2 and 2023, Fedora 36+. Nothing was changed.\n' >&2
    exit 3
}

# Picks the package manager and the JDK package for the release. The JDK is 17 wherever the release packages
# it, so that hosts in one fleet run the same JVM and their numbers compare; 21 (or 25) only where 17 is gone.
detect_os() {
    if [[ ! -r "$os_release_file" ]]; then
        fail "cannot read the OS description file $os_release_file (os-release, used to pick the package manager); set MBENCH_OS_RELEASE to another file"
    fi
    os_id=$(os_release_value ID)
    os_version=$(os_release_value VERSION_ID)
    os_name=$(os_release_value PRETTY_NAME)
    local major=${os_version%%.*}
    if [[ -n "$major" && ! "$major" =~ ^[0-9]+$ ]]; then
        major=""
    fi
    local default_jdk=""
    case "$os_id" in
        debian)
            package_manager=apt
            if [[ -z "$major" ]]; then
                default_jdk=""
            elif ((major >= 13)); then
                default_jdk=openjdk-21-jdk-headless
            elif ((major >= 11)); then
                default_jdk=openjdk-17-jdk-headless
            fi
            ;;
        ubuntu)
            package_manager=apt
            if [[ -n "$major" ]] && ((major >= 20)); then
                default_jdk=openjdk-17-jdk-headless
            fi
            ;;
        rhel | rocky | almalinux)
            package_manager=dnf
            if [[ -z "$major" ]]; then
                default_jdk=""
            elif ((major >= 10)); then
                default_jdk=java-21-openjdk-devel
            elif ((major >= 8)); then
                default_jdk=java-17-openjdk-devel
            fi
            ;;
        amzn)
            if [[ "$major" == 2 ]]; then
                package_manager=yum
                default_jdk=java-17-amazon-corretto-devel
            elif [[ -n "$major" ]] && ((major >= 2023)); then
                package_manager=dnf
                default_jdk=java-17-amazon-corretto-devel
            fi
            ;;
        fedora)
            package_manager=dnf
            # Fedora retired java-17-openjdk in 42 and java-21-openjdk in 45.
            if [[ -z "$major" ]]; then
                default_jdk=""
            elif ((major >= 45)); then
                default_jdk=java-25-openjdk-devel
            elif ((major >= 40)); then
                default_jdk=java-21-openjdk-devel
            elif ((major >= 36)); then
                default_jdk=java-17-openjdk-devel
            fi
            ;;
        *)
            unsupported_os "merkle-bench knows the packages of Debian, Ubuntu, RHEL, Rocky Linux, AlmaLinux, Amazon Linux and Fedora only."
            ;;
    esac
    if [[ -z "$package_manager" ]]; then
        unsupported_os "This release of $os_id has no known package manager setup."
    fi
    if [[ -z "$jdk_package" ]]; then
        if [[ -z "$default_jdk" ]]; then
            unsupported_os "This release of $os_id has no known JDK $MIN_JAVA_MAJOR+ package; if it has one, pass it with --jdk-package NAME."
        fi
        jdk_package=$default_jdk
    fi
    log "OS: ${os_name:-$os_id $os_version} (ID=$os_id VERSION_ID=$os_version, from $os_release_file)"
    log "package manager: $package_manager, JDK package: $jdk_package"
}

package_installed() {
    local package=$1
    case "$package_manager" in
        apt)
            command -v dpkg-query >/dev/null 2>&1 &&
                [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == "install ok installed" ]]
            ;;
        dnf | yum)
            command -v rpm >/dev/null 2>&1 && rpm -q --quiet "$package" 2>/dev/null
            ;;
    esac
}

install_packages() {
    if [[ "$skip_install" == true ]]; then
        log "skipped (--skip-install): a JDK $MIN_JAVA_MAJOR+ and git must already be installed"
        return
    fi
    local wanted=("$jdk_package" git) package
    # The Maven wrapper and the packing step unpack and write .tar.gz; minimal images may lack tar or gzip.
    command -v tar >/dev/null 2>&1 || wanted+=(tar)
    command -v gzip >/dev/null 2>&1 || wanted+=(gzip)
    packages_to_install=()
    for package in "${wanted[@]}"; do
        if package_installed "$package"; then
            log "already installed: $package"
        else
            packages_to_install+=("$package")
        fi
    done
    if [[ ${#packages_to_install[@]} -eq 0 ]]; then
        log "nothing to install"
        return
    fi
    log "installing: ${packages_to_install[*]}"
    case "$package_manager" in
        apt)
            run_as_root env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT_SECONDS" update -q
            run_as_root env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT_SECONDS" \
                install -y -q --no-install-recommends "${packages_to_install[@]}"
            ;;
        dnf)
            run_as_root dnf install -y -q "${packages_to_install[@]}"
            ;;
        yum)
            run_as_root yum install -y -q "${packages_to_install[@]}"
            ;;
    esac
}

# ---------------------------------------------------------------------------------------------------------
# Toolkit, JDK, build

toolkit_dir=""

get_toolkit() {
    if [[ -z "$repo_url" ]]; then
        toolkit_dir=$(dirname -- "$script_dir")
        if [[ ! -f "$toolkit_dir/mvnw" || ! -f "$toolkit_dir/pom.xml" ]]; then
            fail "setup.sh is not inside a merkle-bench checkout ($toolkit_dir has no mvnw and pom.xml); pass --repo URL to clone one"
        fi
        log "using the checkout this script lives in: $toolkit_dir"
        return
    fi
    toolkit_dir=$work_dir
    log "cloning $repo_url (ref ${repo_ref:-HEAD}) into $work_dir"
    if [[ ! -d "$work_dir/.git" ]]; then
        run git init -q "$work_dir"
    fi
    # A shallow fetch of exactly the wanted ref: works for branches, tags and (on hosts that allow it) commits,
    # and again on a second run, which then moves the clone to the ref's current commit.
    run git -C "$work_dir" fetch -q --depth 1 "$repo_url" "${repo_ref:-HEAD}"
    run git -C "$work_dir" checkout -q --force --detach FETCH_HEAD
}

# Fails before the build when the checkout has no mbench launcher (e.g. a commit older than `mbench run`).
check_launcher() {
    if [[ "$dry_run" == false && ! -x "$toolkit_dir/mbench" ]]; then
        fail "$toolkit_dir/mbench (the launcher that runs the benchmarks) is missing or not executable: is this a merkle-bench checkout with 'mbench run'?"
    fi
}

java_major_of() {
    local java_home=$1 version=""
    if [[ -r "$java_home/release" ]]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$java_home/release")
    fi
    if [[ -z "$version" && -x "$java_home/bin/java" ]]; then
        version=$("$java_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    version=${version#1.}
    printf '%s' "${version%%[!0-9]*}"
}

usable_jdk() {
    local java_home=$1 major
    [[ -n "$java_home" && -x "$java_home/bin/javac" && -x "$java_home/bin/java" ]] || return 1
    major=$(java_major_of "$java_home")
    [[ -n "$major" ]] && ((major >= MIN_JAVA_MAJOR))
}

select_jdk() {
    if [[ "$dry_run" == true ]]; then
        log "would use JAVA_HOME if it is a JDK $MIN_JAVA_MAJOR+, else javac on PATH, else the first JDK $MIN_JAVA_MAJOR+ under /usr/lib/jvm"
        return
    fi
    local candidates=() candidate javac_path
    if [[ -n "${JAVA_HOME:-}" ]]; then
        candidates+=("$JAVA_HOME")
    fi
    if javac_path=$(command -v javac 2>/dev/null); then
        candidates+=("$(dirname -- "$(dirname -- "$(readlink -f -- "$javac_path")")")")
    fi
    for candidate in /usr/lib/jvm/*; do
        if [[ -d "$candidate" ]]; then
            candidates+=("$candidate")
        fi
    done
    # "${a[@]+...}" keeps bash 4.2 (Amazon Linux 2) from calling an empty array unbound under set -u.
    for candidate in ${candidates[@]+"${candidates[@]}"}; do
        if usable_jdk "$candidate"; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            log "JAVA_HOME=$JAVA_HOME (Java $(java_major_of "$JAVA_HOME"))"
            return
        fi
    done
    fail "no JDK $MIN_JAVA_MAJOR+ (with javac) found in JAVA_HOME, on PATH or under /usr/lib/jvm; install one (e.g. $jdk_package) or point JAVA_HOME at it"
}

build_toolkit() {
    if [[ -n "$prebuilt" ]]; then
        # --touch: the unpacked jars get the time of unpacking, after the clone's sources, so the launcher
        # takes them as current instead of rebuilding them (which needs Maven and its repository).
        run tar -C "$toolkit_dir" --touch -xzf "$prebuilt"
        return
    fi
    local maven_args=(-B -ntp -DskipTests package)
    if [[ "$maven_offline" == true ]]; then
        maven_args=(-o "${maven_args[@]}")
    fi
    run_in "$toolkit_dir" ./mvnw "${maven_args[@]}"
}

# ---------------------------------------------------------------------------------------------------------
# Directories, limits, facts

results_dir=""
facts_file=""

prepare_directories_and_limits() {
    results_dir="$toolkit_dir/results"
    [[ -n "$data_dir" ]] || data_dir="$toolkit_dir/target/mbench-data"
    [[ -n "$tarball_dir" ]] || tarball_dir="$toolkit_dir/target/env-setup"
    run mkdir -p "$data_dir" "$results_dir" "$tarball_dir"
    log "data directory: $data_dir"

    raise_open_files_limit
}

raise_open_files_limit() {
    local soft hard
    soft=$(ulimit -Sn)
    hard=$(ulimit -Hn)
    if [[ "$soft" == unlimited ]] || ((soft >= nofile)); then
        log "open-files limit already $soft (wanted $nofile)"
        return
    fi
    if [[ "$hard" == unlimited ]] || ((hard >= nofile)); then
        run ulimit -Sn "$nofile"
        return
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        print_command ulimit -n "$nofile"
        if [[ "$dry_run" == true ]] || ulimit -n "$nofile" 2>/dev/null; then
            return
        fi
        log "warning: root could not raise the hard open-files limit $hard to $nofile (no CAP_SYS_RESOURCE, e.g. in a container)"
    else
        log "warning: the hard open-files limit is $hard, below the wanted $nofile, and only root can raise it"
    fi
    log "warning: running with $hard open files at most; RocksDB runs may fail with 'Too many open files'"
    if ((soft < hard)); then
        run ulimit -Sn "$hard"
    fi
}

fact() {
    printf '%-22s %s\n' "$1:" "$2" >>"$facts_file"
}

read_first_line() {
    local file=$1
    if [[ -r "$file" ]]; then
        head -n 1 -- "$file" 2>/dev/null || true
    fi
}

collect_host_facts() {
    if [[ "$dry_run" == true ]]; then
        log "would record OS, kernel, CPU, memory, data-disk device, filesystem and mount options, Java and limits,"
        log "print them, and add them to the results as setup-facts.txt"
        return
    fi
    facts_file=$(mktemp "${TMPDIR:-/tmp}/merkle-bench-facts.XXXXXX")
    local cpu_model memory_kib mount_source="" mount_fstype="" mount_options="" disk="" disk_info=""
    cpu_model=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1 || true)
    memory_kib=$(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\).*/\1/p' /proc/meminfo 2>/dev/null || true)
    if command -v findmnt >/dev/null 2>&1; then
        mount_source=$(findmnt -no SOURCE --target "$data_dir" 2>/dev/null || true)
        mount_fstype=$(findmnt -no FSTYPE --target "$data_dir" 2>/dev/null || true)
        mount_options=$(findmnt -no OPTIONS --target "$data_dir" 2>/dev/null || true)
    fi
    if [[ "$mount_source" == /dev/* ]] && command -v lsblk >/dev/null 2>&1; then
        disk=$(lsblk -no PKNAME -- "$mount_source" 2>/dev/null | head -n 1 || true)
        [[ -n "$disk" ]] || disk=${mount_source#/dev/}
        disk_info=$(lsblk -dnPo NAME,MODEL,SIZE,ROTA -- "/dev/$disk" 2>/dev/null || true)
    fi

    fact "recorded" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    fact "label" "$label"
    fact "hostname" "$(uname -n)"
    fact "os" "${os_name:-$os_id $os_version}"
    fact "kernel" "$(uname -sr)"
    fact "architecture" "$(uname -m)"
    fact "machine vendor" "$(read_first_line /sys/class/dmi/id/sys_vendor)"
    fact "machine product" "$(read_first_line /sys/class/dmi/id/product_name)"
    fact "cpu model" "$cpu_model"
    fact "cpu cores" "$(nproc 2>/dev/null || true)"
    fact "memory KiB" "$memory_kib"
    fact "data dir" "$data_dir"
    fact "data device" "$mount_source"
    # ROTA="1" is a spinning disk; network volumes often report 1 as well.
    fact "data disk" "${disk_info:-unknown}"
    fact "data filesystem" "$mount_fstype"
    fact "data mount options" "$mount_options"
    fact "data dir free" "$(df -Ph -- "$data_dir" 2>/dev/null | awk 'NR == 2 { print $4 " of " $2 }' || true)"
    fact "open files limit" "$(ulimit -Sn)"
    fact "java home" "${JAVA_HOME:-}"
    fact "java version" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
    fact "toolkit dir" "$toolkit_dir"
    fact "toolkit commit" "$(git -C "$toolkit_dir" rev-parse HEAD 2>/dev/null || printf 'unknown (not a git checkout)')"
    fact "profile" "$profile"
    cat -- "$facts_file"
}

# ---------------------------------------------------------------------------------------------------------
# Run and pack

run_name=""

list_run_dirs() {
    local label_dir="$results_dir/$label" entry
    [[ -d "$label_dir" ]] || return 0
    for entry in "$label_dir"/*; do
        [[ -d "$entry" ]] || continue
        entry=${entry##*/}
        if [[ "$entry" =~ $RUN_DIR_PATTERN ]]; then
            printf '%s\n' "$entry"
        fi
    done
}

# mbench run exits 2 when some benchmark cases failed and the others were recorded (picocli also uses 2 for
# option errors, which record nothing): such a run is still packed, and setup.sh then exits with this status.
readonly MBENCH_CASES_FAILED=2
readonly EXIT_CASES_FAILED=4
cases_failed=false

run_benchmarks() {
    local before after status=0
    before=$(list_run_dirs)
    run_in "$toolkit_dir" ./mbench run --profile "$profile" --label "$label" --out "$results_dir" \
        --data-dir "$data_dir" ${mbench_extra_args[@]+"${mbench_extra_args[@]}"} || status=$?
    if [[ "$dry_run" == true ]]; then
        run_name="<run>"
        return
    fi
    after=$(list_run_dirs)
    # The run directory is the one timestamped name that was not there before; names sort by time.
    run_name=$(comm -13 <(printf '%s\n' "$before" | sort) <(printf '%s\n' "$after" | sort) | sed '/^$/d' | tail -n 1)
    if ((status == MBENCH_CASES_FAILED)) && [[ -n "$run_name" ]]; then
        cases_failed=true
        log "warning: some benchmark cases failed (listed above and in $results_dir/$label/$run_name); the others are packed"
    elif ((status != 0)); then
        printf "setup.sh: FAILED in step '%s': mbench run exited with status %s\n" "$current_step" "$status" >&2
        exit "$status"
    fi
    if [[ -z "$run_name" ]]; then
        fail "mbench run finished but created no new run directory (yyyyMMdd'T'HHmmss'Z') under $results_dir/$label"
    fi
    log "results: $results_dir/$label/$run_name"
}

pack_results() {
    local tarball="$tarball_dir/merkle-bench-$label-$run_name.tar.gz"
    if [[ "$dry_run" == false ]]; then
        cp -- "$facts_file" "$results_dir/$label/$run_name/setup-facts.txt"
        rm -f -- "$facts_file"
    fi
    # The report is a convenience for whoever opens the tarball; results without it are still worth packing.
    run_in "$toolkit_dir" ./mbench report "$results_dir/$label/$run_name" ||
        log "warning: mbench report failed; packing the results without report.html (run 'mbench report' on them later)"
    # Written under a temporary name and renamed, so a tarball that exists is complete.
    run tar -C "$results_dir" -czf "$tarball.partial" "$label/$run_name"
    run mv -f -- "$tarball.partial" "$tarball"
    if [[ "$dry_run" == true ]]; then
        log "dry run: nothing was changed; a real run ends by printing the tarball path:"
    fi
    log "$tarball"
}

main() {
    parse_args "$@"
    if [[ "$dry_run" == true ]]; then
        log "DRY RUN: commands are printed with '+' and not run"
    fi
    step "detect the operating system"
    detect_os
    step "install a JDK $MIN_JAVA_MAJOR+ and git"
    install_packages
    step "get the toolkit"
    get_toolkit
    check_launcher
    step "select the JDK"
    select_jdk
    if [[ -n "$prebuilt" ]]; then
        step "unpack the prebuilt jars (--prebuilt)"
    else
        step "build with the Maven wrapper"
    fi
    build_toolkit
    step "prepare the data directory and the open-files limit"
    prepare_directories_and_limits
    step "collect host facts"
    collect_host_facts
    step "run the benchmarks (profile $profile, label $label)"
    run_benchmarks
    step "write the report and pack the results"
    pack_results
    if [[ "$cases_failed" == true ]]; then
        exit "$EXIT_CASES_FAILED"
    fi
}

main "$@"
