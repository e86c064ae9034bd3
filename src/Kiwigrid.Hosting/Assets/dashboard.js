"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.search).get("token");
  const withToken = (path) => token ? `${path}?token=${encodeURIComponent(token)}` : path;
  const historyCap = 17280;

  let pollSeconds = 10;
  let watchState = "starting";
  // Ages are judged on the server's clock: this page's clock may be wrong, and a reading may be old when it arrives.
  let serverOffset = 0;
  let lastReadAt = 0;
  let serverLost = false;
  let watchStatus = null;
  let history = [];
  let hasBattery = true;

  const watts = (w) => {
    if (w === null || w === undefined) return "—";
    const a = Math.abs(w);
    // A no-break space: "3.00" and "kW" never end up on two lines.
    return a < 1000 ? `${Math.round(a)}\u00a0W` : `${(a / 1000).toFixed(2)}\u00a0kW`;
  };
  // Energy in kWh: two decimals while small, one from 10 kWh on.
  const kwh = (wh) => wh === null || wh === undefined ? "—" : `${(wh / 1000).toFixed(Math.abs(wh) < 10000 ? 2 : 1)}\u00a0kWh`;
  const clockTime = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const percent = (p) => p === null || p === undefined ? "—" : `${Math.round(p)} %`;
  const serverNow = () => Date.now() + serverOffset;
  const syncClock = (serverTime) => { if (serverTime) serverOffset = Date.parse(serverTime) - Date.now(); };
  const timeOf = (iso) => {
    const at = new Date(iso);
    const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    return at.toDateString() === new Date(serverNow()).toDateString() ? time : `${at.toLocaleDateString([], { day: "numeric", month: "short" })} ${time}`;
  };
  const duration = (ms) => {
    const s = Math.max(0, Math.round(ms / 1000));
    return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : s < 172800 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} days`;
  };

  function setLine(id, power, outward) {
    const line = $(id);
    const on = power !== null && power !== undefined && Math.abs(power) >= 1;
    line.classList.toggle("on", on);
    line.classList.toggle("reverse", on && outward);
  }

  function showFlow(flow) {
    $("site-name").textContent = flow.site || "Energy flow";
    $("last-update").textContent = timeOf(flow.time);
    $("last-update").dateTime = flow.time;
    $("pv-power").textContent = watts(flow.pvPowerW);
    $("house-power").textContent = watts(flow.housePowerW);

    const grid = flow.grid.powerW;
    $("grid-power").textContent = watts(grid);
    $("grid-label").textContent = grid > 0.5 ? "Grid · import" : grid < -0.5 ? "Grid · export" : "Grid";
    // Lines are drawn towards the hub; a flow away from it runs the animation backwards.
    setLine("line-pv", flow.pvPowerW, false);
    setLine("line-grid", grid, grid < 0);
    setLine("line-house", flow.housePowerW, false);

    const battery = flow.battery;
    document.querySelector(".node.battery").style.display = battery ? "" : "none";
    for (const id of ["battery-label", "battery-power", "line-battery"]) $(id).style.display = battery ? "" : "none";
    if (battery) {
      const p = battery.powerW;
      const mode = p > 0.5 ? "Discharging" : p < -0.5 ? "Charging" : "Idle";
      $("battery-power").textContent = watts(p);
      $("battery-label").textContent = `Battery · ${mode.toLowerCase()}`;
      $("battery-mode").textContent = `${mode}${Math.abs(p) >= 0.5 ? ` ${watts(p)}` : ""}`;
      $("battery-soc").textContent = percent(battery.stateOfChargePercent);
      const soc = Math.max(0, Math.min(100, battery.stateOfChargePercent ?? 0));
      $("soc-arc").style.strokeDasharray = `${soc * 0.75} 100`;
      $("battery-fill").setAttribute("height", (26 * soc / 100).toFixed(1));
      $("battery-fill").setAttribute("y", (-12 + 26 * (1 - soc / 100)).toFixed(1));
      setLine("line-battery", p, p < 0);
    } else {
      $("battery-soc").textContent = "—";
      $("battery-mode").textContent = "No battery";
    }

    const ev = flow.ev;
    for (const id of ["ev-node", "ev-label"]) $(id).toggleAttribute("hidden", !ev);
    $("line-ev").style.display = ev ? "" : "none";
    if (ev) {
      $("ev-power").textContent = watts(ev.powerW);
      setLine("line-ev", ev.powerW, true);
    }

    // The server names the figures that break the energy balance and by how much (the same sentences as kiwigrid status).
    const gaps = flow.balanceGaps || [];
    $("balance-gap").hidden = gaps.length === 0;
    $("balance-gap-list").replaceChildren(...gaps.map((gap) => {
      const item = document.createElement("li");
      item.textContent = gap.message;
      return item;
    }));

    hasBattery = !!battery;
    showToday(flow.today);

    const ratio = flow.selfSufficiency;
    $("self-sufficiency").textContent = ratio === null ? "—" : `${Math.round(ratio * 100)} %`;
    $("self-sufficiency-bar").style.width = `${Math.max(0, Math.min(1, ratio ?? 0)) * 100}%`;
  }

  // Today's energy; without the cloud's history of the morning it counts from serve's first reading and says so.
  function showToday(today) {
    if (!today) return;
    const since = clockTime(today.from);
    $("today-title").textContent = today.wholeDay ? "Energy today" : `Energy since ${since}`;
    $("today-note").textContent = today.wholeDay ? "" : "counted from the server's first reading";
    $("today-produced").textContent = kwh(today.producedWh);
    $("today-consumed").textContent = kwh(today.consumedWh);
    $("today-bought").textContent = kwh(today.boughtWh);
    $("today-fed-in").textContent = kwh(today.fedInWh);
    $("today-charged").textContent = kwh(today.chargedWh);
    $("today-discharged").textContent = kwh(today.dischargedWh);
    $("today-self-sufficiency").textContent = percent(today.selfSufficiencyPercent);
    $("today-self-consumption").textContent = percent(today.selfConsumptionPercent);
    for (const total of document.querySelectorAll(".total.battery-total")) total.hidden = !hasBattery;
  }

  function showDevices(devices) {
    const body = $("devices");
    const shown = devices.filter((d) => d.visible);
    const rows = shown.map((d) => {
      const tr = document.createElement("tr");
      const state = d.state || "—";
      const cells = [
        [d.name || d.guid, ""], [d.kind, "kind"], [null, ""],
        [d.stateOfChargePercent !== null ? `${watts(d.powerW)} · ${percent(d.stateOfChargePercent)}` : watts(d.powerW), "num"],
      ];
      for (const [text, cls] of cells) {
        const td = document.createElement("td");
        if (cls) td.className = cls;
        if (text === null) {
          const badge = document.createElement("span");
          badge.className = `badge ${state === "OK" ? "ok" : state === "—" ? "" : "error"}`;
          badge.textContent = state;
          td.append(badge);
        } else {
          td.textContent = text;
        }
        tr.append(td);
      }
      tr.dataset.guid = d.guid;
      return tr;
    });
    body.replaceChildren(...rows);
    const hidden = devices.length - shown.length;
    $("device-count").textContent = `${shown.length} shown${hidden ? `, ${hidden} hidden (Energy Manager, apps)` : ""}`;
  }

  function drawChart() {
    const svg = $("chart");
    const W = 640, H = 220, top = 8, bottom = 212;
    // A line needs two points; until then the chart says why it is empty rather than look broken.
    const empty = history.length < 2;
    $("chart-empty").hidden = !empty;
    if (empty) { svg.replaceChildren(); $("chart-range").textContent = ""; return; }
    const day = new Date(history[history.length - 1][0]);
    day.setHours(0, 0, 0, 0);
    const start = day.getTime(), span = 86400000;
    const points = history.filter((p) => p[0] >= start);
    let max = 1000, min = 0;
    for (const p of points) for (const v of [p[1], p[2], p[3]]) if (v !== null) { max = Math.max(max, v); min = Math.min(min, v); }
    const step = max > 5000 ? 2000 : 1000;
    max = Math.ceil(max / step) * step;
    min = min < 0 ? -Math.ceil(-min / step) * step : 0;
    // An average from the cloud's history (a sixth element: the seconds it covers) is drawn at its interval's middle.
    const at = (p) => p[0] + (p[5] || 0) * 500;
    const x = (t) => ((t - start) / span * W).toFixed(1);
    const y = (v) => (bottom - (v - min) / (max - min) * (bottom - top)).toFixed(1);
    const ySoc = (v) => (bottom - v / 100 * (bottom - top)).toFixed(1);
    const ns = "http://www.w3.org/2000/svg";
    const el = (name, attrs) => { const e = document.createElementNS(ns, name); for (const k in attrs) e.setAttribute(k, attrs[k]); return e; };
    const line = (index, cls, scale) => el("polyline", { class: cls, points: points.filter((p) => p[index] !== null).map((p) => `${x(at(p))},${scale(p[index])}`).join(" ") });
    const children = [];
    for (let h = 6; h < 24; h += 6) children.push(el("line", { class: "axis", x1: x(start + h * 3600000), x2: x(start + h * 3600000), y1: top, y2: bottom }));
    children.push(el("line", { class: "axis", x1: 0, x2: W, y1: bottom, y2: bottom }));
    if (min < 0) children.push(el("line", { class: "zero", x1: 0, x2: W, y1: y(0), y2: y(0) }));
    const pv = points.filter((p) => p[1] !== null);
    if (pv.length > 1) children.push(el("polygon", { class: "pv-area", points: `${x(at(pv[0]))},${y(0)} ${pv.map((p) => `${x(at(p))},${y(p[1])}`).join(" ")} ${x(at(pv[pv.length - 1]))},${y(0)}` }));
    // Where the history's quarter-hour averages end and the live readings begin.
    const averages = points.filter((p) => p[5]).length;
    const live = points.find((p) => !p[5]);
    if (averages && live) {
      const mark = el("line", { class: "live-start", x1: x(live[0]), x2: x(live[0]), y1: top, y2: bottom });
      mark.append(el("title", {}));
      mark.firstChild.textContent = `Live since ${new Date(live[0]).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}; before: quarter-hour averages`;
      children.push(mark);
    }
    children.push(line(3, "grid-line", y), line(2, "house", y), line(1, "pv", y), line(4, "soc", ySoc));
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.replaceChildren(...children);
    svg.dataset.averages = averages;
    $("chart-range").textContent = `· ${min < 0 ? `${watts(min).replace(/^/, "−")} to ` : "0 to "}${watts(max)}`;
  }

  function addPoint(point) {
    if (history.length && history[history.length - 1][0] >= point[0]) return;
    history.push(point);
    if (history.length > historyCap) history.splice(0, history.length - historyCap);
  }

  function showStatus() {
    const status = $("status");
    const age = serverNow() - lastReadAt;
    const stale = watchState === "live" && lastReadAt > 0 && age > 2 * pollSeconds * 1000;
    let state, text;
    if (serverLost) {
      state = "server-lost"; text = "Dashboard server unreachable · reconnecting…";
    } else if (watchState === "interrupted") {
      state = "cloud-lost";
      const wait = watchStatus.retryInSeconds * 1000 - (serverNow() - Date.parse(watchStatus.serverTime));
      const failure = !watchStatus.failure || watchStatus.failure === "Connection lost" ? "Connection to the cloud lost" : watchStatus.failure;
      text = `${failure} · retry ${watchStatus.attempt} ${wait > 500 ? `in ${duration(wait)}` : "now"}`;
    } else if (stale) {
      state = "stale"; text = `Stale · no update for ${duration(age)}`;
    } else if (watchState === "live") {
      state = "live"; text = "Live";
    } else {
      state = "starting"; text = "Waiting for the first reading…";
    }
    status.dataset.state = state;
    $("status-text").textContent = text;
    document.body.classList.toggle("stale-data", state !== "live" && lastReadAt > 0);
  }

  function onStatus(status) {
    syncClock(status.serverTime);
    if (status.lastUpdate) lastReadAt = Date.parse(status.lastUpdate);
    watchStatus = status;
    watchState = status.state;
    pollSeconds = status.pollIntervalSeconds || pollSeconds;
    showStatus();
  }

  function onSnapshot(snapshot) {
    syncClock(snapshot.flow.serverTime);
    lastReadAt = Date.parse(snapshot.flow.readAt);
    showFlow(snapshot.flow);
    showDevices(snapshot.devices);
    addPoint(snapshot.point);
    drawChart();
    showStatus();
  }

  // Settings: shown as the site read them back; with --allow-control and a token, changed here, and the new state
  // is shown only when the server's settings event brings the read-back.
  let settingsPending = false;
  const settingLabel = (name) => name.replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());
  function changeSetting(setting, value) {
    settingsPending = true;
    $("settings-error").hidden = true;
    for (const control of document.querySelectorAll("#settings select, #settings input, #settings button")) control.disabled = true;
    fetch(`api/settings/${encodeURIComponent(setting.deviceId)}/${encodeURIComponent(setting.setting)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ value: String(value) }),
    }).then(async (response) => {
      if (!response.ok) {
        const problem = await response.json().catch(() => ({ message: `The server answered ${response.status}.` }));
        $("settings-error").textContent = problem.message;
        $("settings-error").hidden = false;
      }
    }).catch(() => {
      $("settings-error").textContent = "The server cannot be reached; the setting may not have changed.";
      $("settings-error").hidden = false;
    }).finally(() => {
      settingsPending = false;
      for (const control of document.querySelectorAll("#settings select, #settings input, #settings button")) control.disabled = false;
    });
  }
  function controlFor(setting) {
    if (setting.kind === "choice") {
      const select = document.createElement("select");
      for (const option of setting.allowedValues) select.append(new Option(option, option, false, option === setting.value));
      select.addEventListener("change", () => changeSetting(setting, select.value));
      return select;
    }
    if (setting.kind === "switch") {
      const [on, off] = setting.allowedValues;
      const button = document.createElement("button");
      const next = setting.value === on ? off : on;
      button.textContent = `Switch ${next}`;
      button.addEventListener("click", () => changeSetting(setting, next));
      return button;
    }
    const span = document.createElement("span");
    const input = document.createElement("input");
    input.type = "number";
    input.step = "any";
    if (setting.minimum !== undefined) input.min = setting.minimum;
    if (setting.maximum !== undefined) input.max = setting.maximum;
    input.value = setting.value ?? "";
    const button = document.createElement("button");
    button.textContent = "Set";
    button.addEventListener("click", () => changeSetting(setting, input.value));
    span.append(input, " ", button);
    return span;
  }
  function showSettings(event) {
    const card = $("settings-card");
    if (!event || !event.settings) { card.hidden = true; return; }
    card.hidden = false;
    const canChange = event.controlAllowed && token !== null;
    $("settings-note").textContent = canChange ? "" : event.controlAllowed ? "open this page with its token to change them" : "read-only: serve runs without --allow-control";
    const rows = event.settings.map((s) => {
      const tr = document.createElement("tr");
      tr.dataset.device = s.deviceId;
      tr.dataset.setting = s.setting;
      const now = s.value === null ? "—" : s.unit ? `${s.value}\u00a0${s.unit}` : s.value;
      for (const [text, cls] of [[s.device, ""], [settingLabel(s.setting), ""], [now, "value-now"]]) {
        const td = document.createElement("td");
        if (cls) td.className = cls;
        td.textContent = text;
        tr.append(td);
      }
      const td = document.createElement("td");
      td.className = "change";
      if (canChange) {
        td.append(controlFor(s));
      } else {
        td.textContent = s.kind === "number" ? [s.minimum, s.maximum].some((v) => v !== undefined) ? `${s.minimum ?? "…"}–${s.maximum ?? "…"}` : "" : s.allowedValues.join(", ");
      }
      tr.append(td);
      return tr;
    });
    $("settings").replaceChildren(...rows);
    if (settingsPending) for (const control of document.querySelectorAll("#settings select, #settings input, #settings button")) control.disabled = true;
  }

  let source = null;
  function connect() {
    source = new EventSource(withToken("api/events"));
    source.addEventListener("hello", (e) => {
      const hello = JSON.parse(e.data);
      serverLost = false;
      history = hello.history.slice(-historyCap);
      onStatus(hello.status);
      if (hello.snapshot) onSnapshot(hello.snapshot); else drawChart();
      showSettings(hello.settings);
    });
    source.addEventListener("settings", (e) => showSettings(JSON.parse(e.data)));
    // The cloud's history arrived after the first live readings: the whole day again.
    source.addEventListener("history", (e) => {
      const day = JSON.parse(e.data);
      history = day.history.slice(-historyCap);
      drawChart();
      showToday(day.today);
    });
    source.addEventListener("snapshot", (e) => onSnapshot(JSON.parse(e.data)));
    source.addEventListener("status", (e) => onStatus(JSON.parse(e.data)));
    source.onerror = () => {
      serverLost = true;
      showStatus();
      // The browser retries by itself unless the server answered with something other than an event stream.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 3000);
      }
    };
  }

  setInterval(showStatus, 1000);
  connect();
})();
