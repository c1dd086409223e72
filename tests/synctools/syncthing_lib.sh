# SPDX-License-Identifier: MIT
# syncthing_lib.sh - two real Syncthing instances on 127.0.0.1 sharing one
# folder, for the tests (sourced, not run). Each has its own home (keys,
# config, database) under $T; they listen on free loopback ports, know
# each other by address, and every way out is off: global and local
# discovery, relays, NAT traversal, STUN, usage and crash reporting and
# automatic upgrades. Device IDs come from each home's generated
# certificate and go into the other's config before either starts.
#
#   st_start DIR_A DIR_B   start both, sharing DIR_A (on A) with DIR_B (on
#                          B); returns 1 with ST_WHY set where Syncthing
#                          cannot start
#   st_connected [SECS]    wait until they are connected (default 30 s)
#   st_stop_one A|B        stop one instance (by its pid), st_start_one
#                          A|B starts it again with the same home
#   st_stop                stop both (by pid)
#   st_wait SECS CMD...    run CMD every 0.2 s until it succeeds (0) or
#                          SECS pass (1)
#
# Needs $T (a scratch directory).

ST_PIDS=()
st_free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

st_wait() {
	local secs=$1 end
	shift
	end=$((SECONDS + secs))
	while [ $SECONDS -lt "$end" ]; do
		"$@" && return 0
		sleep 0.2
	done
	"$@"
}

# st_config HOME SELF_PORT GUI_PORT FOLDER
st_config() {
	local home=$1 port=$2 gui=$3 folder=$4
	cat >"$home/config.xml" <<XML
<configuration version="36">
    <folder id="flockd" label="flockd" path="$folder" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="$ST_ID_A"></device>
        <device id="$ST_ID_B"></device>
        <markerName>.stfolder</markerName>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="$ST_ID_A" name="A" compression="metadata">
        <address>tcp://127.0.0.1:$ST_PORT_A</address>
    </device>
    <device id="$ST_ID_B" name="B" compression="metadata">
        <address>tcp://127.0.0.1:$ST_PORT_B</address>
    </device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:$gui</address>
        <apikey>flockd-test-$gui</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:$port</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <urURL></urURL>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <releasesURL></releasesURL>
        <crashReportingEnabled>false</crashReportingEnabled>
        <crashReportingURL></crashReportingURL>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunServer></stunServer>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
XML
}

st_start_one() {
	local which=$1 home=$T/st-home-$1 pid
	STNOUPGRADE=1 STNORESTART=1 STNODEFAULTFOLDER=1 \
		syncthing serve --home="$home" --no-browser --no-restart \
		--no-upgrade --logflags=0 >>"$T/st-$which.log" 2>&1 &
	pid=$!
	if [ "$which" = A ]; then ST_PID_A=$pid; else ST_PID_B=$pid; fi
	ST_PIDS+=("$pid")
}

st_stop_one() {
	local pid
	if [ "$1" = A ]; then pid=$ST_PID_A; else pid=$ST_PID_B; fi
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ "$1" = A ]; then ST_PID_A=; else ST_PID_B=; fi
}

st_cli() { # st_cli A|B ARGS...: syncthing's own client, through the REST API
	local which=$1
	shift
	timeout 10 syncthing cli --home="$T/st-home-$which" "$@"
}

st_start() {
	local a=$1 b=$2 w
	if ! command -v syncthing >/dev/null; then
		ST_WHY="syncthing is not installed"
		return 1
	fi
	for w in A B; do
		if ! timeout 30 syncthing generate --home="$T/st-home-$w" \
			--no-default-folder --skip-port-probing \
			>"$T/st-gen-$w.log" 2>&1; then
			ST_WHY="syncthing generate failed: $(tail -n 1 "$T/st-gen-$w.log")"
			return 1
		fi
	done
	ST_ID_A=$(syncthing serve --home="$T/st-home-A" --device-id) &&
		ST_ID_B=$(syncthing serve --home="$T/st-home-B" --device-id) || {
		ST_WHY="no device ID"
		return 1
	}
	ST_PORT_A=$(st_free_port) && ST_PORT_B=$(st_free_port) &&
		ST_GUI_A=$(st_free_port) && ST_GUI_B=$(st_free_port) || {
		ST_WHY="no free port"
		return 1
	}
	mkdir -p "$a/.stfolder" "$b/.stfolder"
	st_config "$T/st-home-A" "$ST_PORT_A" "$ST_GUI_A" "$a"
	st_config "$T/st-home-B" "$ST_PORT_B" "$ST_GUI_B" "$b"
	st_start_one A
	st_start_one B
	# both answer their REST API, each with its own device ID
	if ! st_wait 30 st_my_id_is A "$ST_ID_A" || ! st_wait 30 st_my_id_is B "$ST_ID_B"; then
		ST_WHY="syncthing did not start: $(tail -n 2 "$T/st-A.log" | tr '\n' ' ')"
		st_stop
		return 1
	fi
	return 0
}

st_my_id_is() { st_cli "$1" show system 2>/dev/null | grep -q "\"myID\": *\"$2\""; }

st_is_connected() {
	st_cli A show connections 2>/dev/null |
		tr -d '\n ' | grep -q "\"$ST_ID_B\":{[^}]*\"connected\":true"
}

st_connected() { st_wait "${1:-30}" st_is_connected; }

st_stop() {
	st_stop_one A
	st_stop_one B
}
