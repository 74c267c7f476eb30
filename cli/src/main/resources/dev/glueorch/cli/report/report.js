/* glueorch run report: draws each workflow's timeline from the JSON document of its section, re-colours the graph
   for the run picked in the table, the timeline or the partition grid, and shows a bar's or a grid cell's job run on
   hover or tap. Nothing is fetched: the page is self-contained. Text from the data only ever goes through
   textContent and setAttribute. */
(function () {
    'use strict';
    var NS = document.querySelector('svg').namespaceURI;
    var AXIS = 26, ROW = 18, BAR = 14, LANE_PAD = 4, MIN_BAR = 2;
    var TICKS = [300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];
    /** States whose bars carry their icon (when wide enough): the ones someone has to look at. */
    var MARKED = {FAILED: true, TIMEOUT: true, ERROR: true};
    var tip = document.getElementById('tip');

    function svg(name, attributes, parent) {
        var element = document.createElementNS(NS, name);
        for (var key in attributes) {
            element.setAttribute(key, attributes[key]);
        }
        if (parent) {
            parent.appendChild(element);
        }
        return element;
    }

    function html(name, text, parent, className) {
        var element = document.createElement(name);
        if (text !== undefined) {
            element.textContent = text;
        }
        if (className) {
            element.className = className;
        }
        parent.appendChild(element);
        return element;
    }

    function pad(n) {
        return n < 10 ? '0' + n : String(n);
    }

    function utc(seconds) {
        var d = new Date(seconds * 1000);
        return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' '
            + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds());
    }

    function duration(seconds) {
        if (seconds < 60) {
            return seconds + 's';
        }
        var minutes = Math.floor(seconds / 60);
        return minutes < 60 ? minutes + 'm ' + pad(seconds % 60) + 's'
            : Math.floor(minutes / 60) + 'h ' + pad(minutes % 60) + 'm';
    }

    function Workflow(section) {
        this.section = section;
        this.id = section.getAttribute('data-workflow');
        this.data = JSON.parse(section.querySelector('script.report-data').textContent);
        this.svg = section.querySelector('svg.timeline');
        this.labels = section.querySelector('.gantt .lanes');
        this.chart = section.querySelector('.gantt .chart');
        this.selected = this.data.chosen;
        this.pack();
        var hours = Math.max(1, (this.data.t1 - this.data.t0) / 3600);
        this.pxPerHour = Math.min(480, Math.max(24, (this.chart.clientWidth - 24) / hours));
        this.draw();
        this.chart.scrollLeft = this.chart.scrollWidth;
        this.details();
        this.listen();
        this.grid = section.querySelector('.grid-scroll');
        if (this.grid) {
            this.listenGrid();
            this.markGridRow();
        }
    }

    /** Overlapping runs of one job go on rows of their own within its lane. */
    Workflow.prototype.pack = function () {
        var data = this.data, span = data.t1 - data.t0;
        var order = data.bars.map(function (bar, i) { return i; });
        order.sort(function (a, b) { return data.bars[a][2] - data.bars[b][2]; });
        var ends = data.lanes.map(function () { return []; });
        this.row = new Array(data.bars.length);
        for (var k = 0; k < order.length; k++) {
            var bar = data.bars[order[k]], rows = ends[bar[0]], row = 0;
            while (row < rows.length && rows[row] > bar[2]) {
                row++;
            }
            rows[row] = bar[3] < 0 ? span : Math.max(bar[3], bar[2] + 1);
            this.row[order[k]] = row;
        }
        this.laneTop = [];
        var top = AXIS;
        for (var lane = 0; lane < data.lanes.length; lane++) {
            this.laneTop.push(top);
            top += Math.max(1, ends[lane].length) * ROW + 2 * LANE_PAD;
        }
        this.height = top + 1;
    };

    Workflow.prototype.draw = function () {
        var data = this.data, scale = this.pxPerHour / 3600, span = data.t1 - data.t0;
        var width = Math.ceil(span * scale) + 24;
        var root = this.svg;
        while (root.firstChild) {
            root.removeChild(root.firstChild);
        }
        root.setAttribute('width', width);
        root.setAttribute('height', this.height);
        var drawing = document.createDocumentFragment();
        for (var lane = 0; lane < data.lanes.length; lane++) {
            var next = lane + 1 < data.lanes.length ? this.laneTop[lane + 1] : this.height - 1;
            svg('rect', {'class': 'lane-band' + (lane % 2 ? ' odd' : ''), x: 0, y: this.laneTop[lane],
                width: width, height: next - this.laneTop[lane]}, drawing);
        }
        this.axis(drawing, scale, width);
        this.rects = [];
        for (var i = 0; i < data.bars.length; i++) {
            this.rects.push(this.bar(drawing, i, scale, span));
        }
        root.appendChild(drawing);
        this.drawLabels();
        root.setAttribute('data-drawn', 'true');
    };

    Workflow.prototype.axis = function (drawing, scale, width) {
        var data = this.data, tick = TICKS[TICKS.length - 1];
        for (var t = 0; t < TICKS.length; t++) {
            if (TICKS[t] * scale >= 84) {
                tick = TICKS[t];
                break;
            }
        }
        var previousDay = null;
        for (var at = Math.ceil(data.t0 / tick) * tick; at <= data.t1; at += tick) {
            var x = (at - data.t0) * scale;
            svg('line', {'class': 'grid', x1: x, x2: x, y1: AXIS - 6, y2: this.height}, drawing);
            var stamp = utc(at), day = stamp.substring(5, 10);
            var label = tick >= 86400 ? day : (day !== previousDay ? day + ' ' : '') + stamp.substring(11, 16);
            previousDay = day;
            if (x + 70 < width) {
                svg('text', {'class': 'tick', x: x + 3, y: AXIS - 10}, drawing).textContent = label;
            }
        }
    };

    Workflow.prototype.bar = function (drawing, i, scale, span) {
        var data = this.data, bar = data.bars[i], state = data.states[bar[4]][0];
        var end = bar[3] < 0 ? span : bar[3];
        var x = bar[2] * scale, width = Math.max(MIN_BAR, (end - bar[2]) * scale);
        var y = this.laneTop[bar[0]] + LANE_PAD + this.row[i] * ROW + (ROW - BAR) / 2;
        var attributes = {'class': 'bar st-' + state + (bar[7] >= 0 ? ' delayed' : '')
                + (bar[1] === this.selected ? ' sel' : ''),
            x: x.toFixed(1), y: y, width: width.toFixed(1), height: BAR, 'data-i': i, 'data-state': state,
            'data-node': data.lanes[bar[0]][0], 'data-run-id': data.runs[bar[1]][0]};
        if (bar[5]) {
            attributes['data-job-run-id'] = bar[5];
        }
        if (bar[7] >= 0) {
            attributes['data-delayed'] = bar[7];
        }
        var rect = svg('rect', attributes, drawing);
        var mark = bar[7] >= 0 ? data.delayed : MARKED[state] && data.states[bar[4]][2];
        if (mark && width >= 12) {
            svg('text', {'class': 'mark', x: (x + width / 2).toFixed(1), y: y + BAR - 3}, drawing).textContent = mark;
        }
        return rect;
    };

    Workflow.prototype.drawLabels = function () {
        var labels = this.labels, data = this.data;
        labels.textContent = '';
        html('div', 'job / crawler', labels, 'lane-label axis-label').style.height = AXIS + 'px';
        for (var lane = 0; lane < data.lanes.length; lane++) {
            var next = lane + 1 < data.lanes.length ? this.laneTop[lane + 1] : this.height - 1;
            var label = html('div', data.lanes[lane][2], labels, 'lane-label');
            label.style.height = (next - this.laneTop[lane]) + 'px';
            label.title = data.lanes[lane][1] + ' ' + data.lanes[lane][2];
        }
    };

    /** The graph, the run's details, its table row and its bars in the timeline show run {@code run}. */
    Workflow.prototype.select = function (run) {
        var data = this.data, states = data.runs[run][3];
        var nodes = this.section.querySelectorAll('svg.graph g.node');
        for (var k = 0; k < nodes.length; k++) {
            var state = data.states[states.charCodeAt(data.nodes.indexOf(nodes[k].getAttribute('data-node'))) - 65];
            nodes[k].setAttribute('class', nodes[k].getAttribute('class').replace(/st-\S+/, 'st-' + state[0]));
            nodes[k].setAttribute('data-state', state[0]);
            nodes[k].querySelector('.icon').textContent = state[2];
            nodes[k].querySelector('.label').textContent = state[1];
        }
        this.section.querySelector('.chosen-run').textContent = data.runs[run][1] ? 'partition ' + data.runs[run][1]
            : 'run ' + data.runs[run][0];
        var rows = this.section.querySelectorAll('tr.run');
        for (var r = 0; r < rows.length; r++) {
            rows[r].classList.toggle('chosen', Number(rows[r].getAttribute('data-run')) === run);
        }
        for (var i = 0; i < this.rects.length; i++) {
            this.rects[i].classList.toggle('sel', data.bars[i][1] === run);
        }
        this.selected = run;
        this.details();
        this.markGridRow();
    };

    /** The grid's row of the chosen run is marked current (a partition has one run, a run one partition). */
    Workflow.prototype.markGridRow = function () {
        if (!this.grid) {
            return;
        }
        var marked = this.grid.querySelector('tr[aria-current]');
        if (marked) {
            marked.removeAttribute('aria-current');
        }
        var row = this.grid.querySelector('tr[data-run="' + this.selected + '"]');
        if (row) {
            row.setAttribute('aria-current', 'true');
        }
    };

    /**
     * The partition grid: one listener per kind of event for all its cells, however many partitions. A cell of a
     * partition with a run selects that run, on a click or on Enter or Space; the arrow keys, Home, End, Page Up and
     * Page Down move the focus from cell to cell, across the grid's blocks of rows, and only the focused cell is in
     * the tab order, so the grid is one tab stop. Hovering a job's cell shows its job run as the timeline's bar does.
     */
    Workflow.prototype.listenGrid = function () {
        var self = this, grid = this.grid, rows = grid.querySelectorAll('tr[data-state]');
        this.jobs = Array.prototype.map.call(grid.querySelectorAll('th.job'), function (th) {
            return th.getAttribute('title');
        });
        this.focused = grid.querySelector('tbody td');
        if (this.focused) {
            this.focused.tabIndex = 0;
        }
        function cellOf(event) {
            return event.target.closest ? event.target.closest('tbody td') : null;
        }
        function open(cell) {
            var run = cell.parentNode.getAttribute('data-run');
            if (run !== null) {
                self.select(Number(run));
            }
        }
        grid.addEventListener('click', function (event) {
            var cell = cellOf(event);
            if (cell) {
                self.focusCell(cell);
                open(cell);
            }
        });
        grid.addEventListener('keydown', function (event) {
            var cell = cellOf(event);
            if (!cell) {
                return;
            }
            var row = Array.prototype.indexOf.call(rows, cell.parentNode), column = cell.cellIndex;
            switch (event.key) {
                case 'Enter': case ' ': event.preventDefault(); open(cell); return;
                case 'ArrowRight': column++; break;
                case 'ArrowLeft': column--; break;
                case 'ArrowDown': row++; break;
                case 'ArrowUp': row--; break;
                case 'PageDown': row += 10; break;
                case 'PageUp': row -= 10; break;
                case 'Home': column = 1; break;
                case 'End': column = rows[row].cells.length - 1; break;
                default: return;
            }
            event.preventDefault();
            row = Math.max(0, Math.min(rows.length - 1, row));
            // cell 0 is the row's header, the partition id
            column = Math.max(1, Math.min(rows[row].cells.length - 1, column));
            self.focusCell(rows[row].cells[column]);
        });
        grid.addEventListener('mousemove', function (event) {
            var cell = cellOf(event), bar = cell ? self.barOfCell(cell) : -1;
            if (bar < 0) {
                tip.hidden = true;
            } else {
                self.showTip(bar, event.clientX, event.clientY);
            }
        });
        grid.addEventListener('mouseleave', function () { tip.hidden = true; });
    };

    Workflow.prototype.focusCell = function (cell) {
        if (this.focused && this.focused !== cell) {
            this.focused.tabIndex = -1;
        }
        cell.tabIndex = 0;
        cell.focus();
        this.focused = cell;
    };

    /** The timeline bar of a grid cell's job run: the job's latest in the row's run; -1 when there is none. */
    Workflow.prototype.barOfCell = function (cell) {
        var run = cell.parentNode.getAttribute('data-run');
        if (run === null || cell.cellIndex < 2) {
            return -1;
        }
        if (!this.latestBar) {
            // built on the first hover: run index and job name to the bar of the job's latest run in it
            var data = this.data, latest = {};
            for (var i = 0; i < data.bars.length; i++) {
                var bar = data.bars[i], lane = data.lanes[bar[0]];
                var key = bar[1] + '|' + lane[2], known = latest[key];
                if (lane[1] === 'JOB' && (known === undefined || data.bars[known][2] <= bar[2])) {
                    latest[key] = i;
                }
            }
            this.latestBar = latest;
        }
        var found = this.latestBar[run + '|' + this.jobs[cell.cellIndex - 2]];
        return found === undefined ? -1 : found;
    };

    /** The chosen run's facts, its Glue statistics and its job runs and crawls. */
    Workflow.prototype.details = function () {
        var data = this.data, pane = this.section.querySelector('.run-details');
        pane.textContent = '';
        if (this.selected < 0) {
            html('p', 'No run in the period.', pane, 'hint');
            return;
        }
        var run = data.runs[this.selected];
        var facts = html('dl', undefined, pane, 'facts');
        [['Partition', run[1] || '-'], ['WorkflowRunId', run[0]], ['Status', run[2]],
            ['Started', utc(data.t0 + run[4]) + ' UTC'],
            ['Completed', run[5] < 0 ? '-' : utc(data.t0 + run[5]) + ' UTC'],
            ['Duration', run[5] < 0 ? 'not ended' : duration(run[5] - run[4])]].forEach(function (fact) {
            html('dt', fact[0], facts);
            html('dd', fact[1], facts);
        });
        if (run[7]) {
            // a batch of an EVENT trigger started or joined the run: how, and Glue's aws:eventIds
            html('dt', 'Event batch', facts);
            html('dd', run[7], facts, 'batch');
            html('dt', 'aws:eventIds', facts);
            var ids = html('dd', undefined, facts, 'event-ids');
            run[8].forEach(function (id) {
                html('code', id, ids);
                ids.appendChild(document.createTextNode(' '));
            });
        }
        var statistics = html('dl', undefined, pane, 'statistics');
        data.statistics.forEach(function (name, i) {
            var term = html('dt', name, statistics);
            var value = html('dd', String(run[6][i]), statistics);
            if (run[6][i] > 0 && /Failed|Timeout|Errored|Stopped/.test(name)) {
                term.className = value.className = 'hot';
            }
        });
        var actions = html('ul', undefined, pane, 'actions');
        for (var i = 0; i < data.bars.length; i++) {
            var bar = data.bars[i];
            if (bar[1] === this.selected) {
                var state = data.states[bar[4]], item = html('li', undefined, actions);
                html('span', state[2], item, 'chip st-' + state[0]);
                html('span', ' ' + data.lanes[bar[0]][2] + ' ', item, 'name');
                html('span', state[1] + (bar[3] < 0 ? '' : ', ' + duration(bar[3] - bar[2]))
                    + (bar[7] >= 0 ? ', ' + data.delayed + ' delayed ' + bar[7] + ' min' : ''), item, 'hint');
            }
        }
    };

    Workflow.prototype.showTip = function (i, x, y) {
        if (tip.hidden || tip.getAttribute('data-i') !== String(i) || tip.getAttribute('data-workflow') !== this.id) {
            this.fillTip(i);
        }
        tip.hidden = false;
        var left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 6);
        var top = y + 16 + tip.offsetHeight > window.innerHeight ? y - tip.offsetHeight - 12 : y + 16;
        tip.style.left = Math.max(4, left) + 'px';
        tip.style.top = Math.max(4, top) + 'px';
    };

    Workflow.prototype.fillTip = function (i) {
        var data = this.data, bar = data.bars[i], lane = data.lanes[bar[0]], run = data.runs[bar[1]];
        var state = data.states[bar[4]];
        tip.textContent = '';
        tip.setAttribute('data-i', String(i));
        tip.setAttribute('data-workflow', this.id);
        html('strong', lane[2], tip);
        html('span', '  ' + state[2] + ' ' + state[1], tip);
        var facts = html('dl', undefined, tip);
        var rows = [['partition', run[1] || '-'], ['workflow run', run[0]],
            [lane[1] === 'JOB' ? 'job run' : 'crawl', bar[5] || (lane[1] === 'JOB' ? 'not started in Glue' : '-')],
            ['started', utc(data.t0 + bar[2]) + ' UTC'],
            ['duration', bar[3] < 0 ? 'not ended' : duration(bar[3] - bar[2])]];
        if (bar[7] >= 0) {
            rows.push(['delayed', data.delayed + ' ' + bar[7] + ' min past its expected duration']);
        }
        rows.forEach(function (row) {
            html('dt', row[0], facts);
            html('dd', row[1], facts);
        });
        if (bar[6].length) {
            var list = html('ul', undefined, tip, 'args');
            for (var a = 0; a < bar[6].length; a += 2) {
                html('li', data.strings[bar[6][a]] + ' = ' + data.strings[bar[6][a + 1]], list);
            }
        }
    };

    Workflow.prototype.zoom = function (factor) {
        var middle = (this.chart.scrollLeft + this.chart.clientWidth / 2) / this.chart.scrollWidth;
        this.pxPerHour = Math.min(4000, Math.max(1, this.pxPerHour * factor));
        this.draw();
        this.chart.scrollLeft = middle * this.chart.scrollWidth - this.chart.clientWidth / 2;
    };

    Workflow.prototype.listen = function () {
        var self = this;
        function barOf(event) {
            var target = event.target;
            return target.classList && target.classList.contains('bar') ? Number(target.getAttribute('data-i')) : -1;
        }
        this.svg.addEventListener('mousemove', function (event) {
            var i = barOf(event);
            if (i < 0) {
                tip.hidden = true;
            } else {
                self.showTip(i, event.clientX, event.clientY);
            }
        });
        this.svg.addEventListener('mouseleave', function () { tip.hidden = true; });
        this.svg.addEventListener('click', function (event) {
            var i = barOf(event);
            if (i >= 0) {
                self.select(self.data.bars[i][1]);
                self.showTip(i, event.clientX, event.clientY);
            }
        });
        var table = this.section.querySelector('table.runs');
        function pick(event) {
            var row = event.target.closest('tr.run');
            if (row && (event.type === 'click' || event.key === 'Enter' || event.key === ' ')) {
                event.preventDefault();
                self.select(Number(row.getAttribute('data-run')));
            }
        }
        table.addEventListener('click', pick);
        table.addEventListener('keydown', pick);
        this.section.querySelector('.zoom-in').addEventListener('click', function () { self.zoom(2); });
        this.section.querySelector('.zoom-out').addEventListener('click', function () { self.zoom(0.5); });
    };

    // report.html#run=RUN_ID opens with that run chosen: a link to one run of a shared report
    var linked = /^#run=(.+)$/.exec(window.location.hash);
    var sections = document.querySelectorAll('section.workflow');
    for (var s = 0; s < sections.length; s++) {
        var workflow = new Workflow(sections[s]);
        for (var r = 0; linked && r < workflow.data.runs.length; r++) {
            if (workflow.data.runs[r][0] === decodeURIComponent(linked[1])) {
                workflow.select(r);
            }
        }
    }
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') {
            tip.hidden = true;
        }
    });
    window.addEventListener('scroll', function () { tip.hidden = true; }, {passive: true});
    // How long the page took to be drawn (from navigation start, parsing included): the report's speed check
    // reads it from the DOM.
    var page = document.documentElement;
    page.getBoundingClientRect();
    page.setAttribute('data-render-ms', String(Math.round(performance.now())));
    page.setAttribute('data-page-height', String(page.scrollHeight));
}());
