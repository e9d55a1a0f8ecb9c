#!/usr/bin/env node
import '../dist/kcx.js';
