// Evaluates android/build.gradle without Gradle or the Android SDK, against a recording stand-in
// of Gradle's DSL, for one toolchain (system properties agp, builtInKotlin, root, rootExt), and prints
// what the script did: the plugins it applies, the buildscript classpath it asks for, and every
// DSL call under `android { }` / `kotlin { }` (path = value). scripts/test-android-gradle.sh
// runs it for the AGP 8 and AGP 9 toolchains and checks the output. It proves the script's own
// logic and the DSL names it uses, not that AGP accepts them: that needs a real build.
//   java -cp groovy.jar groovy.ui.GroovyMain gradle-dsl-check.groovy <build.gradle> <gradle.properties>

def (buildFile, propertiesFile) = args
def props = new Properties()
new File(propertiesFile).withInputStream { props.load(it) }
def agp = System.getProperty('agp')
def builtInKotlin = System.getProperty('builtInKotlin') // null: not set by the app
def isRoot = System.getProperty('root') == 'true'

def loader = new GroovyClassLoader(this.class.classLoader)
loader.parseClass("""
package com.android
class Version { static String ANDROID_GRADLE_PLUGIN_VERSION = '${agp}' }
""")

def log = []
class Recorder {
  String path; List log; Closure onMissing; Closure onProperty
  Recorder child(String here) { new Recorder(path: here, log: log, onMissing: onMissing, onProperty: onProperty) }
  def methodMissing(String name, args) {
    def list = args as List
    if (onMissing) { def r = onMissing(name, list); if (r != null) return r }
    def closure = list && list.last() instanceof Closure ? list.last() : null
    def values = closure ? list[0..<-1] : list
    def here = path ? "${path}.${name}" : name
    log << "${here}${values ? ' = ' + values.collect { it.toString() }.join(', ') : ''}"
    // Task bodies run at execution time, not when the script is evaluated.
    if (closure && !here.startsWith('tasks')) {
      def c = child(here)
      closure.resolveStrategy = Closure.DELEGATE_FIRST
      closure.delegate = c
      closure.call(c)
    }
    return child(here)
  }
  def propertyMissing(String name) {
    if (onProperty) { def r = onProperty(name); if (r != null) return r }
    child(path ? "${path}.${name}" : name)
  }
  def propertyMissing(String name, value) { log << "${path ? path + '.' : ''}${name} := ${value}" }
}

def gradleProps = new HashMap(props)
if (builtInKotlin != null) gradleProps['android.builtInKotlin'] = builtInKotlin
def ext = new Expando()            // the project's ext (set by `buildscript { ext.x = ... }`)
ext.has = { String n -> n != 'has' && n != 'get' && ext.properties.containsKey(n) }
ext.get = { String n -> ext.properties[n] }
// The app's root project ext (-DrootExt=compileSdkVersion=37,...; none: the defaults apply).
def rootExt = (System.getProperty('rootExt') ?: '').tokenize(',').collectEntries { it.tokenize('=') }
def project = [properties: gradleProps, findProperty: { String n -> gradleProps[n] }, ext: ext]
def rootProject = isRoot ? project :
  [ext: new Expando(has: { String n -> rootExt.containsKey(n) }, get: { String n -> rootExt[n] })]
def top = new Recorder(path: '', log: log,
  onMissing: { String name, List a ->
    if (name == 'apply') { log << "plugin ${a[0].plugin}"; return true }
    if (name == 'file') return new File(new File(buildFile).parentFile, a[0].toString())
    if (name == 'getExtOrDefault') return ext.getExtOrDefault.call(*a)
    if (name == 'classpath') { log << "classpath ${a[0]}"; return true }
    null
  },
  onProperty: { String name ->
    [project: project, rootProject: rootProject, ext: ext][name]
  })
// Classes a Gradle script sees without imports, as far as this one uses them.
def stubs = '''
class GradleException extends RuntimeException { GradleException(String m) { super(m) } }
class JavaVersion { static String VERSION_17 = "17" }
'''
def text = new File(buildFile).text
def body = new GroovyShell(loader).evaluate("${stubs}\nreturn { -> ${text}\n}")
body.resolveStrategy = Closure.DELEGATE_FIRST
body.delegate = top
body.call()
log.each { println it }
